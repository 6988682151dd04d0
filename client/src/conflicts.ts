// Extensions that already provide generic Dockerfile diagnostics, completion and hover. While one of
// them is installed and enabled (it activates on the same `dockerfile` files as Layerlint), the
// server's own generic features are turned off so nothing is shown twice. vscode-free.

export interface ConflictingExtension {
  id: string;
  name: string;
}

export const CONFLICTING_EXTENSIONS: readonly ConflictingExtension[] = [
  { id: 'ms-azuretools.vscode-containers', name: 'Container Tools' },
  { id: 'ms-azuretools.vscode-docker', name: 'Docker' },
  { id: 'docker.docker', name: 'Docker DX' },
];

/** What the editor knows about an extension (vscode.Extension, reduced). */
export interface ExtensionState {
  isActive: boolean;
}

/**
 * The conflicting extensions present: `lookup` answers like `vscode.extensions.getExtension`
 * (undefined when not installed or disabled). An enabled extension counts even before it has
 * activated, because it activates on the same files and would otherwise race with Layerlint.
 */
export function detectConflicts(lookup: (id: string) => ExtensionState | undefined): ConflictingExtension[] {
  return CONFLICTING_EXTENSIONS.filter((e) => {
    const state = lookup(e.id);
    return state !== undefined;
  });
}

/** A stable key of a conflict set, to notice when it changes. */
export function conflictKey(conflicts: readonly ConflictingExtension[]): string {
  return conflicts
    .map((c) => c.id)
    .sort()
    .join(',');
}
