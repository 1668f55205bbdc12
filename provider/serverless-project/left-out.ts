/**
 * The files and folders of a Toolkit project a deploy leaves out on purpose, wherever they are in
 * the functions or assets folder, each with the reason the log gives. `twilio-run deploy` leaves
 * out only `.DS_Store` and uploads the rest (an `assets/.env` as a public asset); every hidden file
 * or folder not named here is deployed as it does (`.well-known/`, `.htaccess`).
 */
const LEFT_OUT: readonly { matches: (name: string) => boolean; why: string }[] = [
  {
    matches: (name) => name === ".env" || name.startsWith(".env."),
    why: "a .env file may hold secrets (name it as envFile to deploy its values as Variables)",
  },
  {
    matches: (name) => [".git", ".svn", ".hg", ".bzr"].includes(name),
    why: "version control data is never deployed",
  },
  {
    matches: (name) => name === "node_modules",
    why: "Twilio installs the Build's dependencies itself",
  },
  {
    // Windows writes these two in any case (`Thumbs.db`, `Desktop.ini`).
    matches: (name) => name === ".DS_Store" || ["thumbs.db", "desktop.ini"].includes(name.toLowerCase()),
    why: "a file the operating system leaves behind",
  },
  {
    // Vim's swap files, backups ending in `~`, and Emacs' lock (`.#x`, a link to nowhere) and
    // auto-save (`#x#`) files.
    matches: (name) =>
      name.endsWith(".swp") ||
      name.endsWith(".swo") ||
      name.endsWith("~") ||
      name.startsWith(".#") ||
      /^#.*#$/.test(name),
    why: "an editor's swap, backup or lock file",
  },
];

/**
 * Why a file or folder named `name` (one part of a path) is not deployed, as the end of a log
 * line, or `undefined` when it is deployed.
 */
export function leftOutReason(name: string): string | undefined {
  return LEFT_OUT.find((rule) => rule.matches(name))?.why;
}
