package io.cobrowsebridge.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and credentials in text meant for people (logs, dead-letter details):
 * <ul>
 *   <li>e-mail addresses keep their first character and domain: {@code jane.doe@example.com} to {@code j***@example.com};</li>
 *   <li>international phone numbers keep the {@code +}, first and last four digits: {@code +15145550100} to
 *       {@code +1******0100} (also written with spaces, dots, dashes or brackets);</li>
 *   <li>credentials in their usual carriers: {@code Basic}/{@code Bearer} header values, {@code authenticationToken=},
 *       {@code sig=}, {@code password=} and {@code password="..."} (Kafka JAAS) become {@code ***};</li>
 *   <li>long quoted values (a parser quoting the input it choked on, which may be document content) are left out.</li>
 * </ul>
 * Only patterns: exact secret values are masked by {@link LogMasking}, which knows the configuration.
 */
public final class Redaction {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    /** '+', a country digit, then 6 to 14 more digits, optionally grouped by separators ("+1 (514) 555-0100"). */
    private static final Pattern PHONE = Pattern.compile("\\+(\\d)(?:[ .()-]{0,2}\\d){6,14}");
    /** An Authorization value: the scheme, then a credential of 8 characters or more ("Basic realm=" is left alone). */
    private static final Pattern AUTH_HEADER = Pattern.compile("\\b([Bb]asic|[Bb]earer|BASIC|BEARER)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern URL_CREDENTIAL = Pattern.compile(
            "(?i)([?&](?:authenticationToken|sig|token|access_token|password|key)=)[^&\\s\"'<>]+");
    private static final Pattern QUOTED_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*\")[^\"]*(\")");
    /** A quoted run of 48+ characters without blanks: what a parser quotes when it chokes on a token. */
    private static final Pattern LONG_QUOTED = Pattern.compile("(['\"])([^'\"\\s]{48,})\\1");

    private Redaction() {
    }

    /** {@code jane.doe@example.com} to {@code j***@example.com}; anything not an address is returned as is. */
    public static String maskEmail(String email) {
        return email == null ? null : EMAIL.matcher(email).replaceAll("$1***@$2");
    }

    /** {@code +15145550100} or {@code +1 514 555 0100} to {@code +1******0100}; short or odd values become {@code ***}. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 8) {
            return "***";
        }
        return "+" + digits.charAt(0) + "******" + digits.substring(digits.length() - 4);
    }

    /**
     * Every masking rule of this class applied to free text. Each rule runs only when the text holds a character
     * its pattern cannot match without (most log lines hold none of them): the same result, without six regex scans
     * of every line.
     */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (out.contains("asic") || out.contains("ASIC") || out.contains("earer") || out.contains("EARER")) {
            out = AUTH_HEADER.matcher(out).replaceAll("$1 ***");
        }
        if (out.indexOf('=') >= 0 && (out.indexOf('?') >= 0 || out.indexOf('&') >= 0)) {
            out = URL_CREDENTIAL.matcher(out).replaceAll("$1***");
        }
        if (out.indexOf('=') >= 0 && out.indexOf('"') >= 0) {
            out = QUOTED_PASSWORD.matcher(out).replaceAll("$1***$2");
        }
        if (out.indexOf('"') >= 0 || out.indexOf('\'') >= 0) {
            out = LONG_QUOTED.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1) + "(" + m.group(2).length() + " characters not shown)" + m.group(1)));
        }
        if (out.indexOf('@') >= 0) {
            out = EMAIL.matcher(out).replaceAll("$1***@$2");
        }
        if (out.indexOf('+') >= 0) {
            out = PHONE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(maskPhone(m.group())));
        }
        return out;
    }
}
