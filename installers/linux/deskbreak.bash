# bash completion for deskbreak                                  -*- shell-script -*-
# Installed as share/bash-completion/completions/deskbreak.

_deskbreak_routine_names()
{
    # `deskbreak routines --json` prints an array of objects with a "name" each.
    "$1" routines --json 2>/dev/null |
        sed -n 's/^[[:space:]]*"name":[[:space:]]*"\([^"]*\)".*/\1/p'
}

# Offers the words of $1 that start with the current word ($cur of the caller).
_deskbreak_offer()
{
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_deskbreak()
{
    local cur prev words cword
    _init_completion || return

    local commands="status break snooze skip pause resume reload quit check-config
        routines routine exercises stats autostart doctor"

    # The command is the first word after the program that is not an option.
    local i command="" command_index=0
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        --days | --format) ((i++)) ;; # its value is not the command
        -*) ;;
        *)
            command=${words[i]}
            command_index=$i
            break
            ;;
        esac
    done

    if [[ $prev == --days ]]; then
        _deskbreak_offer "1 7 14 30 90 365"
        return
    fi
    if [[ $prev == --format ]]; then
        _deskbreak_offer "text waybar json"
        return
    fi

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            _deskbreak_offer "--demo --help --version"
        else
            _deskbreak_offer "$commands"
        fi
        return
    fi

    # Positional arguments after the command, options left out.
    local args=() opt_json="" opt_csv="" opt_watch="" opt_format=""
    for ((i = command_index + 1; i < cword; i++)); do
        case ${words[i]} in
        --days) ((i++)) ;;
        --format)
            opt_format=1
            ((i++))
            ;;
        --json) opt_json=1 ;;
        --csv) opt_csv=1 ;;
        --watch) opt_watch=1 ;;
        -*) ;;
        *) args+=("${words[i]}") ;;
        esac
    done

    case $command in
    status)
        # --json, or --watch with its --format.
        if [[ -n $opt_watch ]]; then
            [[ -z $opt_format ]] && _deskbreak_offer "--format"
        elif [[ -z $opt_json ]]; then
            _deskbreak_offer "--json --watch"
        fi
        ;;
    routines | exercises | doctor)
        [[ ${#args[@]} -eq 0 && -z $opt_json ]] && _deskbreak_offer "--json"
        ;;
    routine)
        if [[ ${#args[@]} -eq 0 ]]; then
            _deskbreak_offer "show"
        elif [[ ${#args[@]} -eq 1 && ${args[0]} == show ]]; then
            if [[ $cur == -* ]]; then
                _deskbreak_offer "--json"
            else
                _deskbreak_offer "$(_deskbreak_routine_names "${words[0]}")"
            fi
        elif [[ ${#args[@]} -eq 2 && -z $opt_json ]]; then
            _deskbreak_offer "--json"
        fi
        ;;
    stats)
        local options=""
        [[ " ${words[*]} " == *" --days "* ]] || options+=" --days"
        [[ -n $opt_json || -n $opt_csv ]] || options+=" --json --csv"
        _deskbreak_offer "$options"
        ;;
    pause)
        if [[ ${#args[@]} -eq 0 ]]; then
            if [[ $cur == -* ]]; then
                _deskbreak_offer "--until-tomorrow"
            else
                _deskbreak_offer "15m 30m 1h 2h"
            fi
        fi
        ;;
    snooze)
        [[ ${#args[@]} -eq 0 ]] && _deskbreak_offer "5m 10m 20m 30m"
        ;;
    break)
        [[ ${#args[@]} -eq 0 ]] && _deskbreak_offer "$(_deskbreak_routine_names "${words[0]}")"
        ;;
    autostart)
        [[ ${#args[@]} -eq 0 ]] && _deskbreak_offer "on off status"
        ;;
    check-config)
        [[ ${#args[@]} -eq 0 ]] && _filedir toml
        ;;
    esac
} &&
    complete -F _deskbreak deskbreak

# ex: filetype=sh
