#!/usr/bin/env bash
# Installs a built package on a fresh, minimal Debian (debootstrap, variant minbase: no
# desktop, no WebKitGTK) with `apt install ./…deb`, as an IT service would, then checks that
# apt brought everything the two binaries need and that the installed window opens on a
# new base. Nothing of this machine's own packages is used inside. Needs root, the Debian
# mirror and about 1.5 GB of free disk; it takes several minutes, so the test command does
# not run it (scripts/test-package.sh is the package test that it runs).
# Usage: scripts/test-package-fresh.sh PAQUET.deb [SUITE]   (SUITE: bookworm by default)
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:?Usage : scripts/test-package-fresh.sh PAQUET.deb [SUITE]}
suite=${2:-bookworm}
[[ -f "$deb" ]] || { echo "Paquet introuvable : $deb" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "Ce test doit être lancé en root (debootstrap, chroot)." >&2; exit 1; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap

root=$(mktemp -d /var/tmp/ateliers-debian.XXXXXX)
cleanup() {
  set +e
  # What the window left running inside (WebKit's helpers, D-Bus) holds the mounts.
  for pid in /proc/[0-9]*; do
    [[ $(readlink "$pid/root" 2>/dev/null) == "$root" ]] && kill "${pid#/proc/}" 2>/dev/null
  done
  sleep 1
  for m in dev/shm dev/pts dev proc sys; do
    mountpoint -q "$root/$m" && { umount "$root/$m" || umount -l "$root/$m"; }
  done
  if grep -q " $root/" /proc/mounts; then
    echo "Montages restés sous $root : dossier laissé en place" >&2
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

echo "Debian $suite minimal dans $root…" >&2
debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >/dev/null
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount --bind /dev/shm "$root/dev/shm"
inside() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }

for lib in libwebkit2gtk-4.1-0 libgtk-3-0; do
  if inside dpkg -s "$lib" >/dev/null 2>&1; then
    echo "Le système de départ n'est pas vierge : $lib y est déjà" >&2; exit 1
  fi
done
cp "$deb" "$root/tmp/ateliers.deb"
before=$(inside dpkg-query -W -f='${Package}\n' | wc -l)
inside apt-get update -qq
inside apt-get install -y -qq /tmp/ateliers.deb >/dev/null
after=$(inside dpkg-query -W -f='${Package}\n' | wc -l)
echo "Installé par apt sur Debian $suite vierge : $(inside dpkg-query -W -f='${Package} ${Version}, ${Installed-Size} Ko' ateliers)"
echo "apt a ajouté $((after - before)) paquets au système de départ ($before paquets)."

for bin in /usr/bin/ateliers-desktop /usr/bin/ateliers; do
  if inside ldd "$bin" | grep 'not found'; then
    echo "Bibliothèques manquantes pour $bin après apt install" >&2; exit 1
  fi
done
echo "Les deux programmes trouvent toutes leurs bibliothèques."

# The installed CLI creates and reads a base; then the window opens on it. Xvfb and xdotool
# are the test's own tools, installed only now, after the dependency check above.
mkdir -p "$root/tmp/donnees"
inside ateliers --db /tmp/donnees/ateliers.sqlite3 demo >/dev/null
inside ateliers --db /tmp/donnees/ateliers.sqlite3 list ateliers >/dev/null
inside apt-get install -y -qq --no-install-recommends xvfb xauth xdotool x11-apps >/dev/null
inside xvfb-run -a -s "-screen 0 1366x768x24" sh -c '
  XDG_DATA_HOME=/tmp/donnees-fenetre /usr/bin/ateliers-desktop & app=$!
  if ! timeout 90 xdotool search --sync --onlyvisible --name "^Ateliers$" >/dev/null; then
    echo "La fenêtre de l’application installée n’est pas apparue" >&2; kill $app; exit 1
  fi
  sleep 3
  xwd -root -silent > /tmp/fenetre.xwd
  kill $app
'
[[ -f "$root/tmp/donnees-fenetre/fr.ateliers.desktop/ateliers.sqlite3" ]] \
  || { echo "La fenêtre n'a pas créé sa base dans le dossier de données" >&2; exit 1; }
mkdir -p target
shot="target/paquet-debian-$suite.png"
convert "xwd:$root/tmp/fenetre.xwd" "$shot"
scripts/interface-shown.sh "$shot" >/dev/null
echo "La fenêtre de l’application installée s’est ouverte avec son interface et a créé sa base (capture : $shot)."
