"""`jigsaw completion bash|zsh`: a shell completion script made from the parser itself.

A small generated script rather than argcomplete: no new dependency, nothing to
register globally, and a TAB runs only the shell, except where session names are
completed (`jigsaw completion --sessions`: the names of the files in the folder, none
of them read). The script is built from `build_parser()`, so a new command or option
completes without a change here. zsh runs the same script through its `bashcompinit`.
"""

from __future__ import annotations

import argparse
import shlex

from ..core.store import SUFFIX, Store
from .errors import UsageError


def run(args, store: Store, parser: argparse.ArgumentParser) -> int:
    if args.sessions:
        for name in session_names(store):
            print(name)
        return 0
    if args.shell is None:
        raise UsageError("say which shell: jigsaw completion bash (or zsh)")
    print(script(parser, args.shell), end="")
    return 0


def session_names(store: Store) -> list[str]:
    """What `SESSION` may be, cheaply: a TAB must not parse 500 files."""
    return sorted(path.name[: -len(SUFFIX)] for path, _ in store.session_files())


# -- the script ---------------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and a.help is not argparse.SUPPRESS]


def _value_kind(action: argparse.Action) -> str | None:
    """How the value after an option completes: None if the option takes no value."""
    if action.nargs == 0:
        return None
    if action.choices:
        return "words:" + " ".join(map(str, action.choices))
    if "|" in (action.metavar or ""):  # e.g. --paper A4|A3|letter
        return "words:" + action.metavar.replace("|", " ")
    return {"FILE": "file", "DIR": "dir"}.get(action.metavar or "", "nothing")


def _positional_kinds(parser: argparse.ArgumentParser) -> list[str]:
    kinds = []
    for action in parser._actions:
        if action.option_strings:
            continue
        if action.dest == "session":
            kinds.append("session")
        elif action.choices:
            kinds.append("words:" + " ".join(map(str, action.choices)))
        else:
            kinds.append("nothing")
    return kinds


def _complete(kind: str) -> str:
    """The bash that fills COMPREPLY for one kind of word."""
    if kind == "session":
        return "_jigsaw_sessions"
    if kind == "file":
        return '_jigsaw_files -f'
    if kind == "dir":
        return '_jigsaw_files -d'
    if kind.startswith("words:"):
        return f"COMPREPLY=($(compgen -W {shlex.quote(kind[6:])} -- \"$cur\"))"
    return ":"


def _case(entries: dict[str, str]) -> str:
    """A bash `case` on "$key" that runs the code for a kind; keys grouped by kind."""
    by_kind: dict[str, list[str]] = {}
    for key, kind in entries.items():
        by_kind.setdefault(kind, []).append(shlex.quote(key))
    return "\n".join(f"        {'|'.join(keys)}) {_complete(kind)} ;;" for kind, keys in by_kind.items())


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    commands = _commands(parser)
    values: dict[str, str] = {}  # "COMMAND --option" -> how its value completes
    options = {"": " ".join(s for a in _options(parser) for s in a.option_strings)}
    positionals: dict[str, str] = {}  # "COMMAND N" -> how the Nth word after it completes
    for name, command in [("", parser), *commands.items()]:
        for action in _options(command):
            kind = _value_kind(action)
            for option in action.option_strings:
                if kind is not None:
                    values[f"{name} {option}"] = kind
        if name:
            options[name] = " ".join(s for a in _options(command) for s in a.option_strings)
            for n, kind in enumerate(_positional_kinds(command)):
                positionals[f"{name} {n}"] = kind
    option_lines = "\n".join(f"        {shlex.quote(k)}) words={shlex.quote(v)} ;;" for k, v in options.items())
    body = BASH.format(
        commands=" ".join(commands), values=_case(values), options=option_lines,
        positionals=_case(positionals),
        takes_value="|".join(shlex.quote(k) for k in values),
    )
    if shell == "zsh":
        return ZSH_PREAMBLE + body
    return BASH_PREAMBLE + body


BASH_PREAMBLE = """\
# Completion for the jigsaw command (bash). Add to ~/.bashrc:
#     eval "$(jigsaw completion bash)"
"""

ZSH_PREAMBLE = """\
# Completion for the jigsaw command (zsh, through bashcompinit). Add to ~/.zshrc:
#     eval "$(jigsaw completion zsh)"
(( $+functions[compdef] )) || { autoload -Uz compinit && compinit; }
autoload -Uz bashcompinit && bashcompinit
"""

# The words before the one being completed are read once: the command (the first word
# that is not an option or an option's value), --sessions-dir (for session names), and
# how many plain words follow the command. Only "--option value" is understood, not "=".
BASH = r"""
_jigsaw_files() {{
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen "$1" -- "$cur"))
}}

_jigsaw_sessions() {{
    if [[ $cur == */* || $cur == .* || $cur == "~"* ]]; then _jigsaw_files -f; return; fi
    compopt -o filenames 2>/dev/null  # a name with a space is inserted escaped
    local IFS=$'\n' where=()
    [[ -n $dir ]] && where=(--sessions-dir "$dir")
    COMPREPLY=($(compgen -W "$(command jigsaw "${{where[@]}}" completion --sessions 2>/dev/null)" -- "$cur"))
}}

_jigsaw() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} cmd="" dir="" word words="" option="" i n=0
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        if [[ $word == -* ]]; then
            case "$cmd $word" in
            {takes_value})
                if ((i + 1 == COMP_CWORD)); then option=$word; break; fi
                [[ $word == --sessions-dir ]] && dir=${{COMP_WORDS[i + 1]}}
                ((i++)) ;;
            esac
        elif [[ -z $cmd ]]; then
            cmd=$word
        else
            ((n++))
        fi
    done
    if [[ -n $option ]]; then
        case "$cmd $option" in
{values}
        esac
        return 0
    fi
    if [[ $cur == -* ]]; then
        case "$cmd" in
{options}
        esac
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return 0
    fi
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "{commands}" -- "$cur"))
        return 0
    fi
    case "$cmd $n" in
{positionals}
    esac
    return 0
}}

complete -F _jigsaw jigsaw
"""
