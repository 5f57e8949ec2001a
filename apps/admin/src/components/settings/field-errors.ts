/** The per-field messages the API sends with a BAD_REQUEST, or none. */
export function fieldErrorsOf(error: unknown): Record<string, string | undefined> {
  const data = (
    error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null
  )?.data;
  const result: Record<string, string | undefined> = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {}))
    result[field] = messages?.[0];
  return result;
}
