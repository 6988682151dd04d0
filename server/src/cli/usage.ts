export const USAGE = `Usage:
  layerlint lint [--format text|json|sarif|github|gitlab|checkstyle|junit] [--failure-threshold error|warning|info|none]
                 [--build-arg NAME=VALUE]... [--rpm-ostree-version V] [--show-fixes] [--fix]
                 [--config PATH] [--severity CODE=LEVEL]... [--ignore CODE]...
                 [--check-platforms [--platform os/arch[/variant]]...] [--stdin-filename NAME]
                 [file|directory|glob|-]...
  layerlint platforms [--platform os/arch[/variant]]... [--format text|json] [--timeout SECONDS]
                 [--insecure-registry HOST]... [--build-arg NAME=VALUE]... <Containerfile|image-reference>...
  layerlint rules [--format text|json]

lint checks Containerfiles of layered OS images (Fedora CoreOS, OKD/OpenShift, bootc) for kernel,
initramfs, cliwrap and rpm-ostree mistakes. With no path, or a directory, it lints every Containerfile,
Containerfile.*, *.containerfile, Dockerfile, Dockerfile.* and *.dockerfile below it that git does not
ignore. Exit status: 0 nothing at or above the failure threshold
(default error), 1 a finding at or above it, 2 usage error or unreadable file.
\`layerlint lint --help\`, \`layerlint platforms --help\` and \`layerlint rules\` tell more.
`;
