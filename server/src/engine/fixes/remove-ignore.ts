// "Remove" for a code of an ignore comment: only that code and one separator, or the whole comment
// line when it is the only code (a `# reason` after the list stays with the remaining codes).
import type { TextEdit } from 'vscode-languageserver-types';
import type { IgnoreComment, IgnoreEntry } from '../suppression';
import type { LineIndex } from '../text/line-index';
import type { Fix } from '../types';

export function removeIgnoreEntry(lines: LineIndex, comment: IgnoreComment, entry: IgnoreEntry): Fix {
  const i = comment.entries.indexOf(entry);
  if (comment.entries.length === 1) {
    return { title: `Remove the ignore comment (${entry.code})`, edits: [removeLine(lines, comment.line)], isPreferred: true };
  }
  const next = comment.entries[i + 1];
  const prev = comment.entries[i - 1];
  const range = next ? lines.range(entry.start, next.start) : lines.range(prev.end, entry.end);
  return { title: `Remove ${entry.code} from the ignore comment`, edits: [{ range, newText: '' }], isPreferred: true };
}

function removeLine(lines: LineIndex, line: number): TextEdit {
  if (line + 1 < lines.lineCount) return { range: lines.range(lines.lineStart(line), lines.lineStart(line + 1)), newText: '' };
  // The last line, without a line break of its own: take the one before it.
  const start = line > 0 ? lines.lineEnd(line - 1) : 0;
  return { range: lines.range(start, lines.text.length), newText: '' };
}
