# Source this file to put convoy's tools (.tools/bin, and .tools/node when installed) on PATH.
_convoy_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -x "$_convoy_root/.tools/node/bin/node" ]; then
  export PATH="$_convoy_root/.tools/node/bin:$PATH"
fi
export PATH="$_convoy_root/.tools/bin:$_convoy_root/node_modules/.bin:$PATH"
unset _convoy_root
