package io.leverxc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module layering: {@code index} depends on nothing of ours, {@code training} and
 * {@code serving} on {@code index} only, and only {@code tools} prints to the console.
 */
@AnalyzeClasses(packages = "io.leverxc", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  private static final String[] INDEX = {
    "io.leverxc.vector..", "io.leverxc.data..", "io.leverxc.text..", "io.leverxc.ann..",
    "io.leverxc.bundle..", "io.leverxc.eval..", "io.leverxc.model..", "io.leverxc.json..", "io.leverxc.parallel.."
  };
  private static final String[] TRAINING = {
    "io.leverxc.teacher..", "io.leverxc.classifier..", "io.leverxc.distill..", "io.leverxc.pipeline.."
  };
  private static final String SERVING = "io.leverxc.serving..";
  private static final String[] TOOLS = {"io.leverxc.cli..", "io.leverxc.bench.."};

  @ArchTest
  static final ArchRule indexDependsOnNothingOfOurs =
      noClasses().that().resideInAnyPackage(INDEX)
          .should().dependOnClassesThat().resideInAnyPackage(concat(TRAINING, new String[] {SERVING}, TOOLS));

  @ArchTest
  static final ArchRule trainingDependsOnlyOnIndex =
      noClasses().that().resideInAnyPackage(TRAINING)
          .should().dependOnClassesThat().resideInAnyPackage(concat(new String[] {SERVING}, TOOLS))
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule servingDependsOnlyOnIndex =
      noClasses().that().resideInAPackage(SERVING)
          .should().dependOnClassesThat().resideInAnyPackage(concat(TRAINING, TOOLS))
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule onlyToolsPrintToTheConsole =
      noClasses().that().resideOutsideOfPackages(TOOLS)
          .should().accessField(System.class, "out")
          .orShould().accessField(System.class, "err")
          .orShould().callMethod(Throwable.class, "printStackTrace");

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
