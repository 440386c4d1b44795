package com.plexichat.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The rules every service keeps (STYLE.md), checked by each service's {@code ArchitectureTest}:
 * <ul>
 *   <li>services share only platform code, never each other's; constructor injection; no {@code *Impl};
 *   <li>each feature package is a module (Spring Modulith): no cycles between features, and another feature's
 *       internals (its sub-packages) are out of reach;
 *   <li>a feature's repository is package-private: other features call its service;
 *   <li>controllers never touch repositories, and never answer with a repository's rows: they map to
 *       {@code *Response} records.
 * </ul>
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES =
            List.of("auth", "user", "org", "channel", "messaging", "file", "call", "admin", "gateway");

    private static final DescribedPredicate<JavaClass> REPOSITORY = DescribedPredicate.describe(
            "a repository",
            c -> c.getSimpleName().endsWith("Repository")
                    || c.isAssignableTo("org.springframework.data.repository.Repository"));

    /** A JPA entity: a row, however it is written. */
    private static final DescribedPredicate<JavaClass> ENTITY = DescribedPredicate.describe(
            "a JPA entity",
            c -> c.isAnnotatedWith("jakarta.persistence.Entity")
                    || c.isAnnotatedWith("jakarta.persistence.Embeddable"));

    /** A row: a JPA entity, or a type nested in a repository (its rows, its query parameters). */
    private static final DescribedPredicate<JavaClass> ROW = DescribedPredicate.describe(
            "a row (an entity, or a type nested in a repository)",
            c -> ENTITY.test(c) || c.getEnclosingClass().map(REPOSITORY::test).orElse(false));

    private static final DescribedPredicate<JavaClass> REPOSITORY_OR_ITS_TYPES =
            DescribedPredicate.describe("a repository or a row", c -> REPOSITORY.test(c) || ROW.test(c));

    private static final DescribedPredicate<JavaClass> CONTROLLER = DescribedPredicate.describe(
            "a controller",
            c -> c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                    || c.isAnnotatedWith("org.springframework.stereotype.Controller"));

    private ServiceArchitecture() {}

    /** Every rule, for the service whose {@code @SpringBootApplication} class this is. */
    public static void verify(Class<?> application) {
        String basePackage = application.getPackageName();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        verifyDependencies(basePackage, classes);
        verifyLayers(classes);
        ApplicationModules.of(application).verify();
    }

    private static void verifyDependencies(String basePackage, JavaClasses classes) {
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

    /** Controllers, repositories and responses; package-private for the rules' own test, on its fixtures. */
    static void verifyLayers(JavaClasses classes) {
        noClasses()
                .that(CONTROLLER)
                .should()
                .dependOnClassesThat(REPOSITORY_OR_ITS_TYPES)
                .because("controllers call their feature's service; only the service touches the repository")
                .allowEmptyShould(true)
                .check(classes);

        classes()
                .that(REPOSITORY)
                .and()
                .areTopLevelClasses()
                .should()
                .notBePublic()
                .because("a feature's rows stay inside it: another feature calls its service")
                .allowEmptyShould(true)
                .check(classes);

        classes()
                .that(ENTITY)
                .should()
                .notBePublic()
                .because("entities are rows: package-private in their feature, like its repository")
                .allowEmptyShould(true)
                .check(classes);

        verifySignatures(classes);
    }

    /** What controllers take and answer: never a repository's row, and records named {@code *Response}. */
    static void verifySignatures(JavaClasses classes) {
        methods()
                .that()
                .areDeclaredInClassesThat(CONTROLLER)
                .and()
                // Handler methods (@GetMapping and the rest are meta-annotated), whatever their visibility.
                .areMetaAnnotatedWith("org.springframework.web.bind.annotation.RequestMapping")
                .should(answerWithoutRepositoryTypes())
                .andShould(answerWithResponseRecords())
                .allowEmptyShould(true)
                .check(classes);
    }

    /** No type nested in a repository (its rows) in a controller method's parameters or answer. */
    private static ArchCondition<JavaMethod> answerWithoutRepositoryTypes() {
        return new ArchCondition<>("not take or answer a type nested in a repository") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (JavaClass type : signatureTypes(method)) {
                    if (ROW.test(type)) {
                        events.add(SimpleConditionEvent.violated(
                                method, method.getFullName() + " exposes the repository row " + type.getName()));
                    }
                }
            }
        };
    }

    /** Records a controller answers with are named {@code *Response} (one style for every service). */
    private static ArchCondition<JavaMethod> answerWithResponseRecords() {
        return new ArchCondition<>("answer with records named *Response") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                String servicePackage = method.getOwner().getPackageName();
                for (JavaClass type : method.getReturnType().getAllInvolvedRawTypes()) {
                    if (type.isRecord()
                            && type.getPackageName().startsWith(topPackage(servicePackage))
                            && !type.getSimpleName().endsWith("Response")) {
                        events.add(SimpleConditionEvent.violated(
                                method,
                                method.getFullName() + " answers with " + type.getName()
                                        + ", a record not named *Response"));
                    }
                }
            }
        };
    }

    /**
     * The types a controller method takes and answers, and, through the components of the service's own records
     * among them, every type that ends up in its JSON (a row inside a response is still a row).
     */
    private static Set<JavaClass> signatureTypes(JavaMethod method) {
        String service = topPackage(method.getOwner().getPackageName());
        Set<JavaClass> types = new LinkedHashSet<>(method.getReturnType().getAllInvolvedRawTypes());
        method.getParameterTypes().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
        Deque<JavaClass> records = new ArrayDeque<>(types);
        while (!records.isEmpty()) {
            JavaClass type = records.pop();
            if (!type.isRecord() || !type.getPackageName().startsWith(service)) {
                continue;
            }
            for (JavaField component : type.getFields()) {
                if (component.getModifiers().contains(JavaModifier.STATIC)) {
                    continue;
                }
                for (JavaClass inner : component.getType().getAllInvolvedRawTypes()) {
                    if (types.add(inner)) {
                        records.push(inner);
                    }
                }
            }
        }
        return types;
    }

    /** {@code com.plexichat.org.organization} to {@code com.plexichat.org}. */
    private static String topPackage(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length < 3 ? packageName : String.join(".", parts[0], parts[1], parts[2]);
    }
}
