// Helpers of the directory's person forms.

/** Field names of the service's person errors → names of the person forms' affiliation fields. */
export const affiliationFieldNames: Record<string, string> = {
  "affiliations.0.organizationId": "organizationId",
  "affiliations.0.title": "affiliationTitle",
  "affiliations.0.startDate": "startDate",
  "affiliations.0.endDate": "endDate",
};
