package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answered with OneSpan's error body: messageKey, message, code, name, technical. */
final class ApiError extends RuntimeException {

    private final int status;
    private final String messageKey;

    ApiError(int status, String messageKey, String message) {
        super(message, null, false, false);
        this.status = status;
        this.messageKey = messageKey;
    }

    static ApiError badRequest(String messageKey, String message) {
        return new ApiError(400, messageKey, message);
    }

    static ApiError unprocessable(String messageKey, String message) {
        return new ApiError(422, messageKey, message);
    }

    static ApiError notFound(String messageKey, String message) {
        return new ApiError(404, messageKey, message);
    }

    static ApiError unauthorized(String messageKey, String message) {
        return new ApiError(401, messageKey, message);
    }

    int status() {
        return status;
    }

    String messageKey() {
        return messageKey;
    }

    ObjectNode toJson() {
        ObjectNode body = Json.object();
        body.put("messageKey", messageKey);
        body.put("message", getMessage());
        body.put("code", status);
        body.put("name", reasonPhrase(status));
        body.put("technical", getMessage());
        return body;
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
