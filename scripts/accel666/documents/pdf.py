"""LibreOffice, headless: Word files to PDF (and any conversion it offers), many files in one run.

The PDF is made from the very .docx the repository renders, so paper and Word agree.
Each run gets a throwaway LibreOffice profile, so parallel runs never collide, and a
fontconfig file that maps the forms' fonts to Debian's Noto CJK SC faces: 宋体 to Noto
Serif CJK SC, 黑体 to Noto Sans CJK SC. Without it LibreOffice falls back to the first
face of the Noto CJK collection, the Japanese one, and prints Japanese glyph forms.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from accel666.errors import FatalError

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian's fonts-noto-cjk
PROGRAMS = ("soffice", "libreoffice")
# The Debian package each conversion needs, named in the message when LibreOffice cannot do it.
PACKAGES = {"pdf": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}
SECONDS_PER_FILE = 10
ALIASES = {
    "Noto Serif CJK SC": ("宋体", "SimSun", "NSimSun"),
    "Noto Sans CJK SC": ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei"),
}


def fonts_conf() -> str:
    """A fontconfig file: the system's configuration plus the Chinese font names mapped to Noto CJK SC."""
    aliases = "".join(
        f'  <alias binding="strong"><family>{name}</family><prefer><family>{face}</family></prefer></alias>\n'
        for face, names in ALIASES.items()
        for name in names
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}</fontconfig>\n"
    )


class OfficeMissing(FatalError):
    """LibreOffice or the Chinese fonts are not installed: the message names the Debian packages."""


def program(target: str) -> str:
    """The LibreOffice executable, or OfficeMissing naming the Debian packages to install."""
    found = next((path for name in PROGRAMS if (path := shutil.which(name))), None)
    package = PACKAGES.get(target, PACKAGES["pdf"])
    if found is None:
        raise OfficeMissing(
            f"生成 {target.upper()} 需要 LibreOffice 和中文字体，但本机没有安装 LibreOffice："
            f"请以 root 身份运行 apt-get install {package} fonts-noto-cjk（Debian 软件包）。"
        )
    if not CJK_FONT.is_file():
        raise OfficeMissing(
            f"生成 {target.upper()} 需要中文字体，否则汉字会显示为方框：请以 root 身份运行 apt-get install fonts-noto-cjk（Debian 软件包）。"
        )
    return found


def convert(sources: Sequence[Path], target: str, folder: Path, *, infilter: str | None = None) -> list[Path]:
    """Convert `sources` (distinct file names) to `target` ("pdf", "xlsx"...) into `folder`, in one run.

    `infilter` is LibreOffice's import filter with its options (“CSV:44,34,76” reads a CSV as
    comma-separated UTF-8). Returns the converted files in the order of `sources`.
    """
    executable = program(target)
    folder.mkdir(parents=True, exist_ok=True)
    expected = [folder / f"{source.stem}.{target}" for source in sources]
    for path in expected:
        path.unlink(missing_ok=True)  # an old file must not pass for a new one
    options = [f"--infilter={infilter}"] if infilter else []
    arguments = [*options, "--convert-to", target, "--outdir", str(folder), *(str(s.resolve()) for s in sources)]
    done = _run(executable, arguments)
    missing = [path for path in expected if not path.is_file()]
    if done.returncode != 0 or missing:
        details = (done.stderr or done.stdout).strip()[-500:]
        names = "、".join(path.name for path in missing) or "（无）"
        raise FatalError(f"LibreOffice 转换失败（退出码 {done.returncode}，缺少 {names}）：{details}")
    return expected


def _run(executable: str, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """LibreOffice headless with a throwaway profile and the CJK font mapping."""
    with tempfile.TemporaryDirectory(prefix="accel666-office-") as scratch:
        conf = Path(scratch) / "fonts.conf"
        conf.write_text(fonts_conf(), encoding="utf-8")
        profile = f"-env:UserInstallation={(Path(scratch) / 'profile').as_uri()}"
        command = [executable, profile, "--headless", "--norestore", "--nolockcheck", *arguments]
        environment = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": scratch}
        timeout = 60 + SECONDS_PER_FILE * len(arguments)
        try:
            return subprocess.run(
                command, env=environment, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise FatalError(f"LibreOffice 在 {timeout} 秒内没有完成转换：请重试，或减少一次转换的文件数。") from exc
