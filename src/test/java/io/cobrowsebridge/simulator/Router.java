package io.cobrowsebridge.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal method + path-regex router; capture groups become decoded path parameters. */
final class Router {

    @FunctionalInterface
    interface Handler {
        void handle(HttpCall call, List<String> params) throws Exception;
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router on(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    void dispatch(HttpCall call) throws Exception {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.pattern.matcher(call.path());
            if (!matcher.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method.equals(call.method())) {
                route.handler.handle(call, params(matcher));
                return;
            }
        }
        if (pathKnown) {
            throw new ApiError(405, "error.methodNotAllowed", "Method " + call.method() + " is not allowed here");
        }
        throw ApiError.notFound("error.notFound.resource", "No resource at " + call.path());
    }

    private static List<String> params(Matcher matcher) {
        List<String> params = new ArrayList<>(matcher.groupCount());
        for (int i = 1; i <= matcher.groupCount(); i++) {
            String raw = matcher.group(i);
            // Path segments: '+' is literal, only %XX escapes are decoded.
            params.add(raw == null ? null : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return params;
    }
}
