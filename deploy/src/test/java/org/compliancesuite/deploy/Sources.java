package org.compliancesuite.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every way the suite is rendered for Kubernetes, so that each check runs against all of them. */
enum Sources {
    CHART_DEFAULT(() -> Renderings.helmTemplate()),
    CHART_PRODUCTION(() -> Renderings.helmTemplate(Renderings.testValues("production.yaml"))),
    CHART_KUSTOMIZE_DEV(() -> Renderings.helmTemplate(chartValues("base.yaml"), chartValues("dev.yaml"))),
    CHART_KUSTOMIZE_PROD(() -> Renderings.helmTemplate(chartValues("base.yaml"), chartValues("prod.yaml"))),
    KUSTOMIZE_DEV(() -> Renderings.kustomize("overlays/dev")),
    KUSTOMIZE_PROD(() -> Renderings.kustomize("overlays/prod")),
    KUSTOMIZE_PROD_CLOUDNATIVE_PG(() -> Renderings.kustomize("overlays/prod-cloudnative-pg"));

    private final Supplier<String> renderer;
    private List<Map<String, Object>> rendered;

    Sources(Supplier<String> renderer) {
        this.renderer = renderer;
    }

    static Path chartValues(String file) {
        return Renderings.kustomizeDir().resolve("chart-values").resolve(file);
    }

    /** The rendered objects (rendered once per test run). */
    synchronized List<Map<String, Object>> objects() {
        if (rendered == null) {
            rendered = Renderings.documents(renderer.get());
        }
        return rendered;
    }

    boolean isKustomize() {
        return name().startsWith("KUSTOMIZE");
    }

    boolean hasNetworkPolicies() {
        return this != CHART_KUSTOMIZE_DEV && this != KUSTOMIZE_DEV;
    }
}
