package dev.gantry.sandbox.service;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.sandbox.config.SandboxConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox templates of the configuration, checked once: a template with a bad quantity is kept
 * out with the reason, so a create naming it is refused with that reason instead of failing later
 * in the Kubernetes API.
 */
@Singleton
public class TemplateCatalog {

    private final String defaultName;
    private final Map<String, SandboxTemplate> valid = new LinkedHashMap<>();
    private final Map<String, List<FieldError>> invalid = new LinkedHashMap<>();

    TemplateCatalog(SandboxConfig config) {
        this.defaultName = config.defaultTemplate();
        config.templates().forEach((name, template) -> {
            List<FieldError> errors = check(name, template.resources());
            errors.addAll(checkQuantity(name, "workspace-size", template.workspaceSize()));
            if (template.warmPoolSize() < 0) {
                errors.add(new FieldError(field(name, "warm-pool-size"), "must not be negative"));
            }
            if (errors.isEmpty()) {
                valid.put(name, toTemplate(name, template));
            } else {
                invalid.put(name, List.copyOf(errors));
                Log.warnf("sandbox template '%s' is unusable: %s", name, errors);
            }
        });
        if (!config.templates().containsKey(defaultName)) {
            Log.warnf("the default sandbox template '%s' is not configured", defaultName);
        }
    }

    /**
     * The template a create names, or the default one.
     *
     * @throws InvalidRequestException naming {@code template} when it is unknown, or the template's
     *                                 bad settings when it is misconfigured
     */
    public SandboxTemplate resolve(String name) {
        String wanted = name == null || name.isBlank() ? defaultName : name;
        SandboxTemplate template = valid.get(wanted);
        if (template != null) {
            return template;
        }
        List<FieldError> errors = invalid.get(wanted);
        if (errors != null) {
            throw new InvalidRequestException("sandbox template '" + wanted + "' has invalid resources", errors);
        }
        throw new InvalidRequestException("no sandbox template named '" + wanted + "'",
                List.of(new FieldError("template", "unknown template; known: " + String.join(", ", valid.keySet()))));
    }

    /** The usable templates, for the warm pool. */
    public List<SandboxTemplate> all() {
        return List.copyOf(valid.values());
    }

    private static List<FieldError> check(String name, SandboxConfig.Resources resources) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(checkPair(name, "cpu", resources.cpuRequest(), resources.cpuLimit()));
        errors.addAll(checkPair(name, "memory", resources.memoryRequest(), resources.memoryLimit()));
        errors.addAll(checkPair(name, "ephemeral-storage", resources.ephemeralStorageRequest(),
                resources.ephemeralStorageLimit()));
        return errors;
    }

    private static List<FieldError> checkPair(String name, String resource, String request, String limit) {
        List<FieldError> errors = new ArrayList<>();
        Optional<BigDecimal> requested = amount(request);
        Optional<BigDecimal> limited = amount(limit);
        if (requested.isEmpty()) {
            errors.add(new FieldError(field(name, "resources." + resource + "-request"), notAQuantity(request)));
        }
        if (limited.isEmpty()) {
            errors.add(new FieldError(field(name, "resources." + resource + "-limit"), notAQuantity(limit)));
        }
        if (requested.isPresent() && limited.isPresent() && requested.get().compareTo(limited.get()) > 0) {
            errors.add(new FieldError(field(name, "resources." + resource + "-request"),
                    "'%s' is above the limit '%s'".formatted(request, limit)));
        }
        return errors;
    }

    private static List<FieldError> checkQuantity(String name, String key, String value) {
        return amount(value).isPresent() ? List.of() : List.of(new FieldError(field(name, key), notAQuantity(value)));
    }

    private static Optional<BigDecimal> amount(String quantity) {
        try {
            BigDecimal amount = Quantity.getAmountInBytes(new Quantity(quantity));
            return amount.signum() > 0 ? Optional.of(amount) : Optional.empty();
        } catch (RuntimeException notAQuantity) {
            return Optional.empty();
        }
    }

    private static String notAQuantity(String value) {
        return "'%s' is not a positive Kubernetes quantity (such as 500m, 2, 512Mi, 4Gi)".formatted(value);
    }

    private static String field(String template, String key) {
        return "templates." + template + "." + key;
    }

    private static SandboxTemplate toTemplate(String name, SandboxConfig.Template t) {
        SandboxConfig.Resources r = t.resources();
        return new SandboxTemplate(name, t.image(),
                new SandboxTemplate.Resources(r.cpuRequest(), r.cpuLimit(), r.memoryRequest(), r.memoryLimit(),
                        r.ephemeralStorageRequest(), r.ephemeralStorageLimit()),
                t.runtimeClassName(), t.nodeSelector(),
                t.tolerations().orElse(List.of()).stream().map(tol -> new SandboxTemplate.Toleration(
                        tol.key(), tol.operator(), tol.value(), tol.effect())).toList(),
                t.imagePullSecrets().orElse(List.of()), t.warmPoolSize(), t.workspaceSize(), t.storageClassName());
    }
}
