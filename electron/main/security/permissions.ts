/**
 * The studio needs no browser permission: no camera, microphone, location, notifications,
 * clipboard reads, USB, MIDI, fullscreen requests from the page (the View menu's full
 * screen is the window's, not the page's) or external protocol launches. Every request and
 * every check is refused; `permission` is taken only to log it.
 */
export function permissionRequestVerdict(_permission: string): false {
  return false;
}

export function permissionCheckVerdict(_permission: string): false {
  return false;
}
