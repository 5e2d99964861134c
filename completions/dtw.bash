# bash completion for dtw                                  -*- shell-script -*-
#
# Install: source this file from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/dtw (or
# ~/.local/share/bash-completion/completions/dtw). It needs no other
# completion library. Rule ids come from `dtw rules --markdown` and issue
# numbers from `dtw list --format json`, read when you press TAB.

_dtw_commands="lint rules explain hook release list diff render new init config merge-driver help"

# The dtw to ask: the one being completed if it names a file, else dtw.
_dtw_bin() {
	local b=${COMP_WORDS[0]}
	if [[ $b == */* && -x $b ]]; then
		printf '%s\n' "$b"
	else
		printf 'dtw\n'
	fi
}

# Rule ids: the names in backticks of the first column of the rule table.
_dtw_rule_ids() {
	"$(_dtw_bin)" rules --markdown 2>/dev/null |
		sed -n 's/^| *`\([^`]*\)`.*/\1/p'
}

# Issue numbers (or, with "path", the issues' paths) from dtw list.
_dtw_issues() {
	local out
	out=$("$(_dtw_bin)" list --format json 2>/dev/null) || true
	if [[ ${1-} == path ]]; then
		printf '%s\n' "$out" | sed -n 's/.*"path":"\([^"]*\)".*/\1/p'
	else
		printf '%s\n' "$out" | sed -n 's/.*"issue":\([0-9][0-9]*\).*/\1/p'
	fi
}

_dtw_refs() {
	{ printf 'HEAD\n'; git for-each-ref --format='%(refname:short)' \
		refs/heads refs/tags refs/remotes 2>/dev/null; }
}

# _dtw_add WORDLIST CUR: appends the words of WORDLIST starting with CUR.
_dtw_add() {
	local w
	while IFS= read -r w; do
		[[ -n $w && $w == "$2"* ]] && COMPREPLY+=("$w")
	done <<<"$1"
}

_dtw_files() {
	local f
	while IFS= read -r f; do
		[[ -n $f ]] && COMPREPLY+=("$f")
	done < <(compgen -f -- "$1")
	compopt -o filenames 2>/dev/null
	return 0
}

# Options of each command, and those of them that take a value.
_dtw_opts() {
	case $1 in
	lint) echo "--staged --rev --changed-since --new-since --issues-only --online
		--offline --fix --dry-run --stdin-path --format --color --quiet --max-warnings --rule
		--report-unused-disables --schema --config --help" ;;
	rules) echo "--markdown --config --rule --help" ;;
	hook) echo "--force --help" ;;
	release) echo "--rev --dry-run --force --push --help" ;;
	list) echo "--format --help" ;;
	diff) echo "--staged --items --patch --stat --format --changed-since
		--no-index --help" ;;
	render) echo "--html --text --rev --unsafe --help" ;;
	new) echo "--date --title --help" ;;
	config) echo "--config --schema --rule --help" ;;
	merge-driver) echo "--install --config --schema --rule --help" ;;
	explain | init | help) echo "--help" ;;
	'') echo "--version --help" ;;
	esac
}

_dtw_takes_value() {
	case $2 in
	--rev | --changed-since | --new-since | --stdin-path | --format | --color | \
		--max-warnings | --rule | --schema | --config | --push | --date | --title)
		[[ " $(_dtw_opts "$1") " == *[[:space:]]"$2"[[:space:]]* ]] ;;
	*) return 1 ;;
	esac
}

# _dtw_value CMD OPT VAL: the values of option OPT that start with VAL.
_dtw_value() {
	local cmd=$1 opt=$2 val=$3
	case $opt in
	--format)
		if [[ $cmd == lint ]]; then
			_dtw_add $'text\njson\nsarif\ngithub\ngitlab' "$val"
		else
			_dtw_add $'text\njson' "$val"
		fi ;;
	--color) _dtw_add $'auto\nalways\nnever' "$val" ;;
	--rule)
		if [[ $val == *=* ]]; then
			local id=${val%%=*}
			_dtw_add "$id=error"$'\n'"$id=warning"$'\n'"$id=off" "$val"
		else
			local ids
			ids=$(_dtw_rule_ids | sed 's/$/=/')
			_dtw_add "$ids" "$val"
			compopt -o nospace 2>/dev/null
		fi ;;
	--rev | --changed-since | --new-since) _dtw_add "$(_dtw_refs)" "$val" ;;
	--push) _dtw_add "$(git remote 2>/dev/null)" "$val" ;;
	--schema)
		_dtw_add "data-this-week" "$val"
		_dtw_files "$val" ;;
	--config | --stdin-path) _dtw_files "$val" ;;
	--date) _dtw_add "$(date +%F 2>/dev/null)" "$val" ;;
	*) ;; # --max-warnings N, --title TITLE: nothing to offer
	esac
	return 0
}

# Puts back together the words that COMP_WORDBREAKS split at "=", so that
# "--rule", "why-it-matters", "=", "off" reads as "--rule" "why-it-matters=off"
# and "--format", "=", "js" as "--format=js". Sets _dtw_w and _dtw_cw.
_dtw_reassemble() {
	_dtw_w=()
	_dtw_cw=0
	local i j=-1 glue=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		local w=${COMP_WORDS[i]}
		if [[ $w == =* && $j -ge 0 ]]; then
			_dtw_w[j]+=$w
			glue=1
		elif ((glue)); then
			_dtw_w[j]+=$w
			glue=0
		else
			j=$((j + 1))
			_dtw_w[j]=$w
		fi
		[[ ${_dtw_w[j]} == *= ]] && glue=1
		((i == COMP_CWORD)) && _dtw_cw=$j
		((i >= COMP_CWORD)) && break
	done
	# The cursor after a word and a space: a new, empty word.
	if ((COMP_CWORD >= ${#COMP_WORDS[@]})); then
		_dtw_cw=$((j + 1))
		_dtw_w[_dtw_cw]=
	fi
}

_dtw() {
	COMPREPLY=()
	local _dtw_w _dtw_cw
	_dtw_reassemble
	local cur=${_dtw_w[_dtw_cw]} prev=
	((_dtw_cw > 0)) && prev=${_dtw_w[_dtw_cw - 1]}

	# The command, and how many arguments that are not options precede cur.
	local cmd= i npos=0 after_dd=0 noindex=0 changed=0 w
	for ((i = 1; i < _dtw_cw; i++)); do
		w=${_dtw_w[i]}
		if [[ -z $cmd ]]; then
			[[ $w == -* ]] || cmd=$w
			continue
		fi
		if ((after_dd)); then
			npos=$((npos + 1))
		elif [[ $w == -- ]]; then
			after_dd=1
		elif [[ $w == --*=* ]]; then
			:
		elif [[ $w == -?* ]]; then
			[[ $w == --no-index ]] && noindex=1
			[[ $w == --changed-since ]] && changed=1
			_dtw_takes_value "$cmd" "$w" && i=$((i + 1))
		else
			npos=$((npos + 1))
		fi
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_dtw_add "$(_dtw_opts '' | tr -s ' \t' '\n\n')" "$cur"
		else
			_dtw_add "${_dtw_commands// /$'\n'}" "$cur"
		fi
		return 0
	fi

	# An option's value: "--opt VAL" or "--opt=VAL".
	local prefix=
	if ((!after_dd)) && [[ $cur == --*=* ]] && _dtw_takes_value "$cmd" "${cur%%=*}"; then
		_dtw_value "$cmd" "${cur%%=*}" "${cur#*=}"
		prefix=${cur%%=*}=
	elif ((!after_dd)) && [[ $prev == -?* ]] && _dtw_takes_value "$cmd" "$prev"; then
		_dtw_value "$cmd" "$prev" "$cur"
	elif ((!after_dd)) && [[ $cur == -* ]]; then
		_dtw_add "$(_dtw_opts "$cmd" | tr -s ' \t' '\n\n')" "$cur"
		[[ $cmd == lint && - == "$cur"* ]] && COMPREPLY+=(-)
	else
		case $cmd in
		explain) ((npos == 0)) && _dtw_add "$(_dtw_rule_ids)" "$cur" ;;
		help) ((npos == 0)) && _dtw_add "${_dtw_commands// /$'\n'}" "$cur" ;;
		hook) ((npos == 0)) && _dtw_add $'install\nuninstall' "$cur" ;;
		release)
			if ((npos == 0)); then
				_dtw_add "$(_dtw_issues)" "$cur"
				_dtw_files "$cur"
			fi ;;
		diff)
			if ((noindex)); then
				_dtw_files "$cur"
			elif ((changed)); then
				:
			elif ((npos == 0)); then
				_dtw_add "$(_dtw_issues)" "$cur"
				_dtw_files "$cur"
			elif ((npos <= 2)); then
				_dtw_add "$(_dtw_refs)" "$cur"
			fi ;;
		render)
			# render takes an issue's number, date or path.
			if ((npos == 0)); then
				_dtw_add "$(_dtw_issues)" "$cur"
				_dtw_add "$(_dtw_issues path)" "$cur"
				_dtw_files "$cur"
			fi ;;
		lint) _dtw_files "$cur" ;;
		merge-driver) ((npos <= 3)) && _dtw_files "$cur" ;;
		*) ;; # rules, list, new, init, config: no arguments
		esac
	fi

	[[ -n $prefix && ${#COMPREPLY[@]} -gt 0 ]] && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
	# Bash replaces only what follows the last word-break character: give
	# it the replies without the part it keeps.
	if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
		local keep=${cur%"${cur##*=}"}
		local k
		for k in "${!COMPREPLY[@]}"; do
			COMPREPLY[k]=${COMPREPLY[k]#"$keep"}
		done
	fi
	# Drop duplicates (an issue path that is also a file).
	if ((${#COMPREPLY[@]} > 1)); then
		local -A seen=()
		local r out=()
		for r in "${COMPREPLY[@]}"; do
			[[ -n ${seen[$r]+x} ]] && continue
			seen[$r]=1
			out+=("$r")
		done
		COMPREPLY=("${out[@]}")
	fi
	return 0
}

complete -F _dtw dtw
