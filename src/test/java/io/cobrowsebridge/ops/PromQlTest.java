package io.cobrowsebridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.support.PromQl;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsMetricNamesAndSkipsFunctionsLabelsRangesAndKeywords() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, routeId) "
                + "(rate(camel_route_policy_seconds_bucket{routeId=~\"$route\"}[$__rate_interval])))"))
                .containsExactly("camel_route_policy_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_total{outcome!=\"success\"}[5m])) / sum(rate(a_total[5m])) > 0.1"))
                .containsExactly("a_total");
        assertThat(PromQl.metricNames("max by (group, topic) (lag) > 100 and on (group) b unless c offset 5m"))
                .containsExactly("lag", "b", "c");
        assertThat(PromQl.metricNames("sum without (instance) (x) * on (job) group_left (team) y == bool 1e3"))
                .containsExactly("x", "y");
        assertThat(PromQl.metricNames("label_replace(up_total, \"dst\", \"$1\", \"src\", \"(.*)\")"))
                .containsExactly("up_total");
    }
}
