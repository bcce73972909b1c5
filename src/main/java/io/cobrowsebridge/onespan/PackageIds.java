package io.cobrowsebridge.onespan;

import java.util.regex.Pattern;

/** OneSpan package ids are base64url-style strings (letters, digits, '-', '_', trailing '='); nothing else reaches a URL. */
public final class PackageIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}={0,2}");

    private PackageIds() {
    }

    public static boolean isValid(String packageId) {
        return packageId != null && VALID.matcher(packageId).matches();
    }

    public static String requireValid(String packageId) {
        if (!isValid(packageId)) {
            throw new IllegalArgumentException("not a OneSpan package id");
        }
        return packageId;
    }
}
