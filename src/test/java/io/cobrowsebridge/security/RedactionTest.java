package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksEmailAddressesKeepingTheFirstCharacterAndTheDomain() {
        assertThat(Redaction.maskEmail("jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Redaction.scrub("to <jane.doe+policy@mail.example.co.uk>, cc sam@insurer.example"))
                .isEqualTo("to <j***@mail.example.co.uk>, cc s***@insurer.example");
        assertThat(Redaction.scrub("org.apache.kafka.clients.KafkaConsumer@6d2a209c")).as("not an address")
                .isEqualTo("org.apache.kafka.clients.KafkaConsumer@6d2a209c");
    }

    @Test
    void masksPhoneNumbersKeepingCountryDigitAndLastFour() {
        assertThat(Redaction.maskPhone("+15145550100")).isEqualTo("+1******0100");
        assertThat(Redaction.maskPhone("+1 514 555 0100")).isEqualTo("+1******0100");
        assertThat(Redaction.maskPhone("12")).isEqualTo("***");
        assertThat(Redaction.scrub("call +1 (514) 555-0100 or +44 20 7946 0958 today"))
                .isEqualTo("call +1******0100 or +4******0958 today");
        assertThat(Redaction.scrub("at 2026-12-04T10:15:00+01:00, offset 1234567890")).as("no phone here")
                .isEqualTo("at 2026-12-04T10:15:00+01:00, offset 1234567890");
    }

    @Test
    void masksCredentialsInTheirUsualCarriers() {
        assertThat(Redaction.scrub("Authorization: Basic dGVzdDp0ZXN0, then Bearer eyJhbGciOi.eyJzdWIi.c2ln"))
                .isEqualTo("Authorization: Basic ***, then Bearer ***");
        assertThat(Redaction.scrub("http://x/auth?authenticationToken=abc123&target=y and /cobrowse/p?exp=1&sig=s1G_-x"))
                .isEqualTo("http://x/auth?authenticationToken=***&target=y and /cobrowse/p?exp=1&sig=***");
        assertThat(Redaction.scrub("PlainLoginModule required username=\"bridge\" password=\"s3cr3t!\";"))
                .isEqualTo("PlainLoginModule required username=\"bridge\" password=\"***\";");
    }

    @Test
    void leavesOutLongQuotedInputSuchAsDocumentContent() {
        String base64 = "JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFI+PgplbmRvYmoK";
        assertThat(Redaction.scrub("Unrecognized token '" + base64 + "': was expecting (JSON String, Number)"))
                .isEqualTo("Unrecognized token '(" + base64.length() + " characters not shown)': was expecting (JSON String, Number)");
        assertThat(Redaction.scrub("field 'policyholders[0].email' is required")).as("short quotes stay")
                .isEqualTo("field 'policyholders[0].email' is required");
        String jackson = "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null')";
        assertThat(Redaction.scrub(jackson)).as("text between two quoted words is no quoted value").isEqualTo(jackson);
        assertThat(Redaction.scrub("Callback refused: 401 invalid bearer token (Jwt expired)"))
                .isEqualTo("Callback refused: 401 invalid bearer token (Jwt expired)");
        assertThat(Redaction.scrub("WWW-Authenticate: Basic realm=\"cobrowse-bridge operator\""))
                .isEqualTo("WWW-Authenticate: Basic realm=\"cobrowse-bridge operator\"");
    }
}
