import type { CommandFacts } from '../analysis/facts';
import { appendToRun, insertAt } from '../fixes/edits';
import { isOstreeContainerCommit } from '../model/build';
import type { ShellWord } from '../model/types';
import type { Finding, Rule } from './rule';

export const missingContainerCommit: Rule = {
  code: 'missing-container-commit',
  defaultSeverity: 'information',
  title: 'RUN does not end with `ostree container commit`',
  summary: '`ostree container commit` is the documented last step of a RUN that changes packages on rpm-ostree-composed bases.',
  families: ['okd-fcos', 'coreos-legacy', 'coreos'],
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      if (!this.families!.includes(stage.base.family)) continue;
      for (const run of stage.stage.runs) {
        const cmds = stage.byRun.get(run)!;
        const first = cmds.find((c) => c.rpmOstree && (c.rpmOstree.verb === 'install' || c.rpmOstree.verb === 'override'));
        if (!first) continue;
        // The last step: a shell given a script ends where its script's last command does.
        const steps = cmds.filter((c) => !c.cmd.script);
        if (steps.length === 0) continue;
        const last = steps.reduce((a, c) => (c.cmd.stmtEnd > a.cmd.stmtEnd ? c : a));
        if (isOstreeContainerCommit(last.cmd)) continue;
        const swallowed = commitAsArguments(last);
        if (swallowed) {
          // `rpm-ostree install vim \` + `ostree container commit`: a missing `&&` made the commit
          // three more arguments. Appending another commit would leave them there.
          const [ostree, , commit] = swallowed.words;
          out.push({
            code: this.code,
            severity: 'information',
            message: `\`ostree container commit\` is not run here: without \`&&\` (or \`;\`) before it, its words are arguments of \`${last.cmd.nameWord.text}\`.`,
            range: ctx.lines.range(ostree.start, commit.end),
            fixes: [{ title: 'Insert the missing && before ostree container commit', isPreferred: true, edits: [insertAt(ctx, swallowed.after, ' &&')] }],
          });
          continue;
        }
        const edit = appendToRun(ctx, run, 'ostree container commit');
        out.push({
          code: this.code,
          severity: 'information',
          message: `On ${stage.base.label}, a RUN that changes packages with rpm-ostree should end with \`ostree container commit\`, the documented last step that cleans up and checks the layer.`,
          range: ctx.lines.range(first.cmd.nameWord.start, first.rpmOstree!.verbWord.end),
          fixes: edit ? [{ title: 'Append ostree container commit', isPreferred: true, edits: [edit] }] : [],
        });
      }
    }
    return out;
  },
};

/** The words `ostree container commit` at the end of a command's arguments, and where the word before them ends. */
function commitAsArguments(f: CommandFacts): { words: ShellWord[]; after: number } | undefined {
  const args = f.cmd.args;
  const n = args.length;
  if (n < 3) return undefined;
  const tail = args.slice(n - 3);
  if (tail.map((a) => a.values?.[0]).join(' ') !== 'ostree container commit') return undefined;
  const before = n > 3 ? args[n - 4] : f.cmd.nameWord;
  return { words: tail, after: before.end };
}
