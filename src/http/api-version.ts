/** The API's version, as OpenAPI and the FHIR CapabilityStatement report it. */
export const API_VERSION = '1.0.0';
