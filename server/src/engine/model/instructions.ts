// The instructions of a Containerfile as plain records with document offsets: what the model needs
// from dockerfile-ast, read once. Between two versions of a document in an editor, only the
// instructions around the edit are parsed again (`spliceInstructions`); the others keep their
// records, moved by the edit's length. Whenever the edit could change what is an instruction beyond
// them (directives, a continuation or heredoc left open at the end), the whole text is parsed.
import { DockerfileParser, type Heredoc, type Instruction, type Run } from 'dockerfile-ast';
import { LineIndex } from '../text/line-index';

export interface InstructionRecord {
  keyword: string;
  start: number;
  end: number;
  /** `platform`: the `--platform` flag's value as written (undefined: no flag). */
  from?: { image: string | null; imageStart?: number; imageEnd?: number; stage: string | null; platform?: string };
  /** ARG and ENV: name and value as written (null: no value). */
  properties?: { name: string; value: string | null }[];
  run?: RunRecord;
}

export interface RunRecord {
  /** End of the RUN keyword. */
  keywordEnd: number;
  flags: { name: string; value: string | null; start: number; end: number }[];
  execForm: boolean;
  /** Read only for RUNs that can matter to the rules (see RELEVANT in build.ts). */
  heredocs: { start: number; content: { start: number; end: number } | null }[];
}

export interface ParsedInstructions {
  escapeChar: string;
  records: InstructionRecord[];
}

/**
 * dockerfile-ast mis-parses a heredoc written with a blank after `<<` (`RUN cat << 'EOF'`,
 * rcjsuen/dockerfile-utils#130): move the blank behind the delimiter. Same length, so offsets hold.
 */
export function normaliseForDockerfileParser(text: string): string {
  let out = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (out.includes('<<')) {
    out = out.replace(/^([ \t]*RUN\b[^\n]*)$/gim, (line) => line.replace(/<<(-?)([ \t]+)(['"]?)([A-Za-z_][\w.-]*)(['"]?)/g, (_m, dash, blank, q1, name, q2) => `<<${dash}${q1}${name}${q2}${blank}`));
  }
  return out;
}

/** Words every rule input contains (rpm-ostree, rpm, dnf, yum, dracut, uname, depmod, kmod tools, bootc…). */
export const RELEVANT = /rpm|ostree|bootc|dracut|dnf|yum|uname|depmod|akmod|dkms|kmod|modules|kernel|initramfs/;

export function parseInstructions(text: string): ParsedInstructions {
  const parsed = DockerfileParser.parse(normaliseForDockerfileParser(text));
  const lines = new LineIndex(text);
  return { escapeChar: parsed.getEscapeCharacter(), records: parsed.getInstructions().map((i) => toRecord(i, text, lines, 0)) };
}

interface PropertyInstruction {
  getProperties(): { getName(): string; getValue(): string | null }[];
}

interface FromInstruction {
  getImage(): string | null;
  getImageRange(): import('vscode-languageserver-types').Range | null;
  getBuildStage(): string | null;
  getPlatformFlag(): { getValue(): string | null } | null;
}

/** `parsedText` is what dockerfile-ast parsed; its offsets plus `base` are document offsets. */
function toRecord(instruction: Instruction, parsedText: string, lines: LineIndex, base: number): InstructionRecord {
  const range = instruction.getRange();
  const record: InstructionRecord = { keyword: instruction.getKeyword(), start: lines.offsetAt(range.start) + base, end: lines.offsetAt(range.end) + base };
  if (record.keyword === 'FROM') {
    const from = instruction as unknown as FromInstruction;
    const image = from.getImageRange();
    const platform = from.getPlatformFlag();
    record.from = {
      image: from.getImage(),
      imageStart: image ? lines.offsetAt(image.start) + base : undefined,
      imageEnd: image ? lines.offsetAt(image.end) + base : undefined,
      stage: from.getBuildStage(),
      ...(platform ? { platform: platform.getValue() ?? '' } : {}),
    };
  } else if (record.keyword === 'ARG' || record.keyword === 'ENV' || record.keyword === 'LABEL') {
    record.properties = (instruction as unknown as PropertyInstruction).getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
  } else if (record.keyword === 'RUN') {
    record.run = runRecord(instruction as Run, parsedText, lines, base, record.end - base);
  }
  return record;
}

function runRecord(run: Run, text: string, lines: LineIndex, base: number, end: number): RunRecord {
  const keywordEnd = lines.offsetAt(run.getInstructionRange().end);
  // dockerfile-ast re-reads the arguments for every flag or range query: ask only when there are flags.
  const hasFlags = /^(?:\s|\\\r?\n|`\r?\n)*--/.test(text.slice(keywordEnd, Math.min(end, keywordEnd + 200)));
  const flags = hasFlags
    ? run.getFlags().map((f) => {
        const r = f.getRange();
        return { name: f.getName(), value: f.getValue(), start: lines.offsetAt(r.start) + base, end: lines.offsetAt(r.end) + base };
      })
    : [];
  const record: RunRecord = { keywordEnd: keywordEnd + base, flags, execForm: false, heredocs: [] };
  const argsStart = flags.length > 0 ? flags[flags.length - 1].end - base : keywordEnd;
  if (argsStart >= end) return record;
  const source = text.slice(argsStart, end);
  if (source.trimStart().startsWith('[') && isJsonArray(run.getRawArgumentsContent() ?? '')) {
    record.execForm = true;
    return record;
  }
  // getHeredocs() re-reads the instruction's arguments: only ask when there can be one that matters.
  if (source.includes('<<') && RELEVANT.test(source)) {
    record.heredocs = run
      .getHeredocs()
      .filter((h) => h.getName() !== '')
      .map((h) => {
        const content = h.getContentRange();
        return {
          start: lines.offsetAt(h.getStartRange().start) + base,
          content: content ? { start: lines.offsetAt(content.start) + base, end: lines.offsetAt(content.end) + base } : null,
        };
      });
  }
  return record;
}

function isJsonArray(s: string): boolean {
  try {
    return Array.isArray(JSON.parse(s));
  } catch {
    return false;
  }
}

function shifted(r: InstructionRecord, delta: number): InstructionRecord {
  if (delta === 0) return r;
  const d = (n: number | undefined) => (n === undefined ? undefined : n + delta);
  return {
    ...r,
    start: r.start + delta,
    end: r.end + delta,
    from: r.from && { ...r.from, imageStart: d(r.from.imageStart), imageEnd: d(r.from.imageEnd) },
    run: r.run && {
      keywordEnd: r.run.keywordEnd + delta,
      flags: r.run.flags.map((f) => ({ ...f, start: f.start + delta, end: f.end + delta })),
      execForm: r.run.execForm,
      heredocs: r.run.heredocs.map((h) => ({ start: h.start + delta, content: h.content && { start: h.content.start + delta, end: h.content.end + delta } })),
    },
  };
}

function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/**
 * The instructions of `text`, from those of `previous` (an earlier version of it) where the edit
 * between the two leaves them alone. Undefined when only a whole parse can tell.
 */
export function spliceInstructions(previousText: string, previous: ParsedInstructions, text: string): ParsedInstructions | undefined {
  const records = previous.records;
  const min = Math.min(previousText.length, text.length);
  let p = 0;
  while (p < min && previousText.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === previousText.length && p === text.length) return previous;
  let s = 0;
  while (s < min - p && previousText.charCodeAt(previousText.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEnd = previousText.length - s;
  const delta = text.length - previousText.length;
  // Parser directives and anything before the first instruction: parse everything.
  if (records.length === 0 || p <= records[0].start) return undefined;
  // The records the edit touches (edges included), widened to start before the edit.
  let first = records.findIndex((r) => r.end >= p);
  let last = -1;
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i].start <= oldEnd) {
      last = i;
      break;
    }
  }
  if (first < 0) first = records.length - 1;
  if (first > last) first = last;
  while (first > 0 && records[first].start > p) first--;
  if (records[first].start > p) return undefined;
  const regionStart = lineStartBefore(text, records[first].start);
  const regionEnd = lineEndAfter(text, Math.max(records[last].end, oldEnd) + delta);
  if (last + 1 < records.length && regionEnd > records[last + 1].start + delta) return undefined;
  const region = text.slice(regionStart, regionEnd);
  // A region that opens with a comment could be read as parser directives.
  if (/^\s*#/.test(region)) return undefined;
  const prefix = previous.escapeChar === '\\' ? '' : `# escape=${previous.escapeChar}\n`;
  const parsedText = prefix + region;
  const parsed = DockerfileParser.parse(normaliseForDockerfileParser(parsedText));
  if (parsed.getEscapeCharacter() !== previous.escapeChar) return undefined;
  const instructions = parsed.getInstructions();
  // The region's last instruction must end inside it: a trailing continuation or an open heredoc
  // would take in the instructions after it.
  if (region.trimEnd().endsWith(previous.escapeChar)) return undefined;
  const tail = instructions[instructions.length - 1];
  if (tail && region.includes('<<') && (tail as unknown as { getHeredocs(): Heredoc[] }).getHeredocs().some((h) => h.getDelimiterRange() === null)) return undefined;
  const lines = new LineIndex(parsedText);
  const spliced = instructions.map((i) => toRecord(i, parsedText, lines, regionStart - prefix.length));
  if (spliced.some((r) => r.start < regionStart || r.end > regionEnd)) return undefined;
  return {
    escapeChar: previous.escapeChar,
    records: [...records.slice(0, first), ...spliced, ...records.slice(last + 1).map((r) => shifted(r, delta))],
  };
}
