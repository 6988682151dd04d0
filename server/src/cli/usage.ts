export const USAGE = `Usage:
  layerlint lint [--format text|json|sarif] [--build-arg NAME=VALUE]... [--rpm-ostree-version V]
                 [--show-fixes] [--check-platforms [--platform os/arch[/variant]]...] <file|->...
  layerlint platforms [--platform os/arch[/variant]]... [--format text|json] [--timeout SECONDS]
                 [--insecure-registry HOST]... [--build-arg NAME=VALUE]... <Containerfile|image-reference>...

lint checks Containerfiles of layered OS images (Fedora CoreOS, OKD/OpenShift, bootc) for kernel,
initramfs, cliwrap and rpm-ostree mistakes. Exit status: 0 no error, 1 an error-severity finding,
2 usage error or unreadable file.
`;
