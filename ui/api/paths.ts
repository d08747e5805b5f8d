/** Addresses of the API that more than the client needs (the early requests of ui/api/early.ts). */
export const assessmentPath = (id: string): string => `/api/assessments/${encodeURIComponent(id)}`;
