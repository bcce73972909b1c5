package io.cobrowsebridge.intake;

/** Names of the exchange properties that carry state through the policy-intake route. */
public final class IntakeProperties {
    public static final String EVENT = "policyEvent";
    public static final String DOCUMENTS = "documents";
    /** Map of document index to the bytes decoded from its contentBase64 while parsing. */
    public static final String DOCUMENT_CONTENT = "documentContent";
    public static final String PACKAGE_ID = "packageId";
    public static final String POLICY_NUMBER = "policyNumber";
    public static final String COBROWSE_LINK = "cobrowseLink";
    public static final String LAUNCH_URL = "launchUrl";
    public static final String OUTCOME = "intakeOutcome";

    private IntakeProperties() {
    }
}
