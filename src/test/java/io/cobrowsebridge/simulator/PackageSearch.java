package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/packages?search=&searchtype=&query=&from=&to=}: text search on name/description, optional
 * folder/status filter, 1-based inclusive paging. Results come in creation order.
 */
record PackageSearch(String search, String searchType, String query, int from, int to) {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final Set<String> STATUSES =
            Set.of("DRAFT", "SENT", "COMPLETED", "ARCHIVED", "DECLINED", "OPTED_OUT", "EXPIRED");

    static PackageSearch from(HttpCall call) {
        int from = intParam(call, "from", 1);
        int to = intParam(call, "to", from + DEFAULT_PAGE_SIZE - 1);
        if (from < 1 || to < from) {
            throw ApiError.badRequest("error.validation.invalidPaging", "Expected 1 <= from <= to");
        }
        return new PackageSearch(blankToNull(call.query("search")),
                lower(call.query("searchtype")), lower(call.query("query")), from, to);
    }

    /** {@code {"count": total matches, "results": [the requested page]}}. */
    ObjectNode run(List<SimulatedPackage> packages) {
        List<SimulatedPackage> matches = packages.stream().filter(this::matches).toList();
        ObjectNode result = Json.object();
        result.put("count", matches.size());
        ArrayNode results = result.putArray("results");
        matches.stream().skip(from - 1L).limit((long) to - from + 1).forEach(p -> results.add(p.snapshot()));
        return result;
    }

    private boolean matches(SimulatedPackage pkg) {
        return matchesQuery(pkg) && matchesText(pkg.text("name"), pkg.text("description"));
    }

    /** {@code query} is a folder (inbox, drafts, trashed) or, as the SDK sends it, a status. */
    private boolean matchesQuery(SimulatedPackage pkg) {
        if (query == null || query.isBlank()) {
            return !pkg.trashed();
        }
        String status = pkg.text("status");
        return switch (query) {
            case "trashed" -> pkg.trashed();
            case "drafts" -> !pkg.trashed() && "DRAFT".equals(status);
            case "inbox" -> !pkg.trashed() && !"DRAFT".equals(status);
            default -> !pkg.trashed() && (!STATUSES.contains(query.toUpperCase(Locale.ROOT))
                    || query.equalsIgnoreCase(status));
        };
    }

    /** exactname: whole name; exact: whole name or description; otherwise substring of either. */
    private boolean matchesText(String name, String description) {
        if (search == null) {
            return true;
        }
        if ("exactname".equals(searchType)) {
            return name.equalsIgnoreCase(search);
        }
        if ("exact".equals(searchType)) {
            return name.equalsIgnoreCase(search) || description.equalsIgnoreCase(search);
        }
        String needle = search.toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).contains(needle) || description.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static int intParam(HttpCall call, String name, int fallback) {
        String value = call.query(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("error.validation.invalidPaging", "'" + name + "' must be a number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
