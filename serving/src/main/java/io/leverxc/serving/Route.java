package io.leverxc.serving;

import java.util.Locale;

/** The endpoints the server serves. Metrics are labelled by route, so their cardinality stays fixed. */
enum Route {
  PREDICT("POST", "/v1/predict"),
  PREDICT_BATCH("POST", "/v1/predict/batch"),
  LABEL("GET", "/v1/labels/{id}"),
  MODEL("GET", "/v1/model"),
  HEALTHZ("GET", "/healthz"),
  READYZ("GET", "/readyz"),
  METRICS("GET", "/metrics"),
  OPENAPI("GET", "/openapi.yaml"),
  ADMIN_RELOAD("POST", "/v1/admin/reload"),
  /** Any path the server does not serve. */
  UNKNOWN("", "");

  static final String LABELS_PREFIX = "/v1/labels/";

  private final String method;
  private final String pathTemplate;

  Route(String method, String pathTemplate) {
    this.method = method;
    this.pathTemplate = pathTemplate;
  }

  /** HTTP method this route accepts. */
  String method() {
    return method;
  }

  String pathTemplate() {
    return pathTemplate;
  }

  /** Value of the {@code route} label in metrics. */
  String metricLabel() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the route whose path matches {@code path}, ignoring the method, or {@link #UNKNOWN}. */
  static Route match(String path) {
    if (path.startsWith(LABELS_PREFIX) && path.length() > LABELS_PREFIX.length()
        && path.indexOf('/', LABELS_PREFIX.length()) < 0) {
      return LABEL;
    }
    for (Route route : values()) {
      if (route != LABEL && route != UNKNOWN && route.pathTemplate.equals(path)) {
        return route;
      }
    }
    return UNKNOWN;
  }
}
