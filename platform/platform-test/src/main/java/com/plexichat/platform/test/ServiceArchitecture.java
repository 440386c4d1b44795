package com.plexichat.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The dependency rules every service keeps (STYLE.md): services share only platform code, never
 * each other's; constructor injection; no {@code *Impl} for a single implementation. A service's
 * {@code ArchitectureTest} calls {@link #verify(String)} with its base package.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES =
            List.of("auth", "user", "org", "channel", "messaging", "file", "call", "admin", "gateway");

    private ServiceArchitecture() {}

    public static void verify(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        String[] otherServices = SERVICES.stream()
                .map(s -> "com.plexichat." + s + "..")
                .filter(p -> !p.equals(basePackage + ".."))
                .toArray(String[]::new);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(otherServices)
                .because("services share only platform code; they talk through the API and events")
                .allowEmptyShould(true)
                .check(classes);

        noFields()
                .should()
                .beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .because("dependencies come through constructors")
                .allowEmptyShould(true)
                .check(classes);

        noClasses()
                .should()
                .haveSimpleNameEndingWith("Impl")
                .because("a single implementation needs no interface and no Impl suffix")
                .allowEmptyShould(true)
                .check(classes);
    }
}
