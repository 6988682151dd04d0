// `layerlint lint --help`.
export const LINT_HELP = `Usage: layerlint lint [options] [file|directory|glob|-]...

Lints Containerfiles of layered OS images (Fedora CoreOS, OKD/OpenShift, bootc). With no path, or a
directory, every Containerfile, Containerfile.*, *.containerfile, Dockerfile, Dockerfile.* and
*.dockerfile below it that git does not ignore; - reads standard input.

Output
  --format FORMAT             text (default), json, sarif, github, gitlab, checkstyle, junit
  --show-fixes                text: each fix as a unified diff (patch -p1 applies it)
  --stdin-filename NAME       the name of standard input in reports and for finding its configuration
  --failure-threshold LEVEL   error (default), warning, info or none: what makes the exit status 1

Rules
  --config PATH               this configuration file instead of the nearest .layerlint.yaml
  --severity CODE=LEVEL       off, error, warning, info or hint for a rule (repeatable)
  --ignore CODE               never report a rule (repeatable, or a comma list)
  --build-arg NAME=VALUE      an ARG value, as podman build takes it (repeatable)
  --rpm-ostree-version V      the rpm-ostree version of the base image, e.g. 2024.3
  --no-ignore-comments        report what # layerlint ignore= comments silence (audits)
  --fix                       apply the preferred fix of every finding to the files, then report what is left

Platform check
  --check-platforms           also check the FROM images against their registries
  --platform OS/ARCH[/VAR]    a target platform (repeatable; default linux/amd64 and linux/arm64)

Troubleshooting
  --debug                     an internal error's stack trace (also LAYERLINT_DEBUG=1)

Environment: LAYERLINT_CONFIG, LAYERLINT_FORMAT, LAYERLINT_SEVERITY (code=level,...),
LAYERLINT_IGNORE (code,...), LAYERLINT_FAILURE_THRESHOLD; options win over them, and they over the
configuration file. NO_COLOR, FORCE_COLOR and TERM=dumb as usual.

Exit status: 0 nothing at or above the failure threshold, 1 a finding at or above it, 2 a usage
error, an unreadable file, an invalid configuration or an internal error (a file not fully analysed). \`layerlint rules\` lists the rules.
`;
