// hangar completion bash|zsh — a completion script generated from the command tree itself (commands and options).
import { Argument, type Command } from 'commander';

interface Node {
  path: string;
  words: string[];
}

/** Every command path ("", "instances", "instances create", …) with what may follow it. */
function nodes(cmd: Command, prefix = ''): Node[] {
  const words = [...cmd.commands.map((c) => c.name()), ...cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)), '--help'];
  return [{ path: prefix, words }, ...cmd.commands.flatMap((c) => nodes(c, prefix ? `${prefix} ${c.name()}` : c.name()))];
}

function bash(program: Command): string {
  const cases = nodes(program)
    .map((n) => `    "${n.path}") words="${n.words.join(' ')}" ;;`)
    .join('\n');
  return `# hangar bash completion: source <(hangar completion bash)
_hangar() {
  local cur path word words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  path=""
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in -*) ;; *) if _hangar_known "\${path:+$path }$word"; then path="\${path:+$path }$word"; fi ;; esac
  done
  case "$path" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
_hangar_known() {
  case "$1" in
${nodes(program)
  .filter((n) => n.path)
  .map((n) => `    "${n.path}") return 0 ;;`)
  .join('\n')}
  esac
  return 1
}
complete -F _hangar hangar
`;
}

function zsh(program: Command): string {
  return `#compdef hangar
# hangar zsh completion: source <(hangar completion zsh)
autoload -U bashcompinit && bashcompinit
${bash(program)}`;
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: source <(hangar completion bash)')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh') => {
      process.stdout.write(shell === 'bash' ? bash(program) : zsh(program));
    });
}
