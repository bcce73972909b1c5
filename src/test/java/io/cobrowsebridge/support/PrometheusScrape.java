package io.cobrowsebridge.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One scrape of {@code /actuator/prometheus} (text format): series and their values. */
public final class PrometheusScrape {

    /** "name{labels}" (labels as exported) -> value. */
    private final Map<String, Double> series = new LinkedHashMap<>();

    public PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            series.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
    }

    /** Names of every exported series (without labels). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.keySet().forEach(s -> names.add(s.contains("{") ? s.substring(0, s.indexOf('{')) : s));
        return names;
    }

    /**
     * Value of the series with this name whose labels include every given {@code label="value"} pair, summed when
     * several match; NaN when none does.
     */
    public double value(String name, String... labels) {
        double sum = Double.NaN;
        for (var entry : series.entrySet()) {
            String key = entry.getKey();
            if (!(key.equals(name) || key.startsWith(name + "{"))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                sum = Double.isNaN(sum) ? entry.getValue() : sum + entry.getValue();
            }
        }
        return sum;
    }
}
