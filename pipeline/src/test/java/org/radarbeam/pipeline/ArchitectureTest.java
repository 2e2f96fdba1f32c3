package org.radarbeam.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of radarbeam, checked on the main classes of the core, the transforms and the job:
 * each layer imports only the layers below it, the core imports nothing from Beam, nothing below
 * the runners imports a Beam runner, and no two packages depend on each other.
 */
@AnalyzeClasses(packages = "org.radarbeam", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {
  /** The Beam-free radar core: decoding, palette, PNG, projections, stores, HTTP, sources. */
  static final String[] CORE = {"org.radarbeam.codec..", "org.radarbeam.palette..", "org.radarbeam.png..",
      "org.radarbeam.geo..", "org.radarbeam.render..", "org.radarbeam.http..", "org.radarbeam.store..",
      "org.radarbeam.input..", "org.radarbeam.io..", "org.radarbeam.source..", "org.radarbeam.output.."};

  @ArchTest
  static final ArchRule layersImportOnlyDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Core").definedBy(CORE)
      .layer("Transforms").definedBy("org.radarbeam.transforms..")
      .layer("Job").definedBy("org.radarbeam.pipeline..")
      .whereLayer("Job").mayNotBeAccessedByAnyLayer()
      .whereLayer("Transforms").mayOnlyBeAccessedByLayers("Job")
      .whereLayer("Core").mayOnlyBeAccessedByLayers("Transforms", "Job");

  @ArchTest
  static final ArchRule theCoreImportsNothingFromBeam = noClasses().that().resideInAnyPackage(CORE)
      .should().dependOnClassesThat().resideInAPackage("org.apache.beam..");

  @ArchTest
  static final ArchRule runnerCodeLivesInTheRunners = noClasses().that().resideInAPackage("org.radarbeam..")
      .should().dependOnClassesThat().resideInAPackage("org.apache.beam.runners..");

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("org.radarbeam.(**)").should().beFreeOfCycles();

  /** Main classes only: not this module's tests, nor the test jars of the modules below. */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }
}
