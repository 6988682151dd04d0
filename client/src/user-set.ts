// Whether the user set a `layerlint.*` setting, as opposed to VS Code filling in its default.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../shared/protocol';
import type { IsSet } from './settings';

/** Whether the user set `layerlint.<key>` anywhere (user, workspace, folder, or for a language). */
export const userSet: IsSet = (scopeUri, key) => {
  const i = vscode.workspace.getConfiguration(SETTINGS_SECTION, scopeUri ? vscode.Uri.parse(scopeUri) : undefined).inspect(key);
  return [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue, i?.globalLanguageValue, i?.workspaceLanguageValue, i?.workspaceFolderLanguageValue].some((v) => v !== undefined);
};
