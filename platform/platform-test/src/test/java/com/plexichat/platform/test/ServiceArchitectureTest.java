package com.plexichat.platform.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plexichat.platform.test.architecture.cyclic.CyclicApplication;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The layer rules catch the leak they exist for, and pass the same feature written as they want it. */
class ServiceArchitectureTest {

    @Test
    void aControllerCallingItsRepositoryFails() {
        var classes = new ClassFileImporter().importPackages("com.plexichat.platform.test.architecture.leaky");
        assertThatThrownBy(() -> ServiceArchitecture.verifyLayers(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("controllers call their feature's service")
                .hasMessageContaining("WidgetController");
    }

    @Test
    void aControllerAnsweringWithARepositoryRowFails() {
        var classes = new ClassFileImporter().importPackages("com.plexichat.platform.test.architecture.leaky");
        // The first rule stops at the dependency; the signature rule on its own names the row.
        assertThatThrownBy(() -> ServiceArchitecture.verifySignatures(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exposes the repository row")
                .hasMessageContaining("WidgetRepository$Widget");
    }

    @Test
    void aControllerBuildingItsRepositorysQueryTypeFails() {
        var classes = new ClassFileImporter().importPackages("com.plexichat.platform.test.architecture.query");
        assertThatThrownBy(() -> ServiceArchitecture.verifyLayers(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("controllers call their feature's service")
                .hasMessageContaining("WidgetRepository$Query");
    }

    @Test
    void aRepositoryRowInsideAResponseFails() {
        var classes = new ClassFileImporter().importPackages("com.plexichat.platform.test.architecture.nested");
        assertThatThrownBy(() -> ServiceArchitecture.verifySignatures(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exposes the repository row")
                .hasMessageContaining("WidgetRepository$Part");
    }

    @Test
    void aControllerAnsweringWithAnEntityFails() {
        var classes = new ClassFileImporter().importPackages("com.plexichat.platform.test.architecture.entity");
        assertThatThrownBy(() -> ServiceArchitecture.verifyLayers(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("controllers call their feature's service")
                .hasMessageContaining("entity.widget.Widget");
    }

    @Test
    void featuresThatDependOnEachOtherFail() {
        assertThatThrownBy(() -> ApplicationModules.of(CyclicApplication.class, location -> true)
                        .verify())
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void theSameFeatureThroughItsServicePasses() {
        var classes = new ClassFileImporter().importPackages("com.plexichat.platform.test.architecture.sound");
        assertThatCode(() -> ServiceArchitecture.verifyLayers(classes)).doesNotThrowAnyException();
    }
}
