package io.cobrowsebridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.IntegrationTest;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;

/** Route ids are API (metrics tags, logs, camelroutes): explicit and kebab-case, never generated. */
class RouteIdsIT extends IntegrationTest {

    private static final String KEBAB = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    @Test
    void everyRouteAndRouteConfigurationHasAnExplicitKebabCaseId() {
        ModelCamelContext model = (ModelCamelContext) camel;
        assertThat(model.getRouteDefinitions()).isNotEmpty().allSatisfy(route -> {
            assertThat(route.hasCustomIdAssigned()).as("explicit id of route from %s", route.getInput()).isTrue();
            assertThat(route.getRouteId()).matches(KEBAB).doesNotMatch("route\\d+");
        });
        assertThat(model.getRouteConfigurationDefinitions()).isNotEmpty()
                .extracting(RouteConfigurationDefinition::getId).allSatisfy(id -> assertThat(id).matches(KEBAB));
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrderElementsOf(model.getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList())
                .contains("policy-intake", "dead-letter", "cobrowse-launch", "callback-intake", "callback-dispatch",
                        "agent-email");
    }
}
