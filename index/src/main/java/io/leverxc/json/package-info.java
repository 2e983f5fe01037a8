/**
 * Parsing of single JSON values from bytes, with syntax errors reported as a line, a column and a
 * plain reason. {@link io.leverxc.json.JsonDocuments} reads HTTP request bodies and bundle
 * manifests.
 */
package io.leverxc.json;
