/** The API's version, as OpenAPI and the FHIR CapabilityStatement report it: tegin's own (package.json). */
export { VERSION as API_VERSION } from '../version.ts';
