const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Image files the assessment's 事務の内容 diagrams name, for the store to read beside the assessment. */
export const imageFilesOf = (data: Record<string, unknown>): string[] => {
  const annex = data['businessAnnex'];
  const diagrams = isRecord(annex) && Array.isArray(annex['diagrams']) ? annex['diagrams'] : [];
  return diagrams.filter(isRecord).map((diagram) => String(diagram['file'] ?? '')).filter((file) => file !== '');
};
