/** Where an image's bytes are read (an `<img src>`, not a call: the typed client is for calls). */
export function mediaContentPath(workspaceId: string, id: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/media/${encodeURIComponent(id)}/content`
}
