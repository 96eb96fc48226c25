; Inno Setup 6.3+ script: the Windows installer of Một Cửa, per machine.
; Build the bundle first (`pyinstaller packaging\mot-cua.spec`, see docs\windows.md), then
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\mot-cua.iss
; which writes dist\mot-cua-setup-<version>.exe. Signed: add /DSIGN and a sign tool named motcua:
;   ISCC /DSIGN "/Smotcua=signtool sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f" ...
;
; What it installs: the program folder only (Program Files\MotCua: mot-cua.exe, counter-app.exe,
; _internal\). What it never touches, on install, upgrade or uninstall: each user's data folder
; %LOCALAPPDATA%\mot-cua (the database with every dossier, its backups, logs) and the app's
; settings in HKCU\Software\mot-cua. They are not listed below on purpose.
; This file is UTF-8 with a byte-order mark, so that Inno Setup reads "Một Cửa" correctly.

#define AppName "Một Cửa"
#define Bundle AddBackslash(SourcePath) + "..\..\dist\mot-cua"
#ifndef AppVersion
  ; The version the spec stamped into mot-cua.exe from counter_app.__version__ (one source).
  #define AppVersion GetVersionNumbersString(Bundle + "\mot-cua.exe")
#endif

[Setup]
; Never change AppId: it is how a newer installer finds and upgrades the installed one.
AppId={{FA395FD5-4439-459D-A6FA-B22AF078A170}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Một Cửa
VersionInfoVersion={#AppVersion}
; An ASCII folder name: scripts, antivirus exclusions and old tools that IT officers point at
; the program folder cope with it; the shortcuts carry the Vietnamese name.
DefaultDirName={autopf}\MotCua
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Python 3.11 and Qt 6 need Windows 10 or later.
MinVersion=10.0
OutputDir={#Bundle}\..
OutputBaseFilename=mot-cua-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupIconFile=mot-cua.ico
UninstallDisplayIcon={app}\mot-cua.exe
UninstallDisplayName={#AppName}
; An upgrade closes a running app (through the Restart Manager) instead of failing on its
; files; every accepted dossier is already committed in the database by then.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
#ifdef SIGN
SignTool=motcua
SignedUninstaller=yes
#endif

[Tasks]
; Checked by default, so a silent install (/VERYSILENT) makes it too; /MERGETASKS="!desktopicon"
; leaves it out.
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the runtime as a whole: a module the new build dropped must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\mot-cua.exe"; WorkingDir: "{app}"; Comment: "Tiếp nhận và trả kết quả một cửa"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\mot-cua.exe"; WorkingDir: "{app}"; Comment: "Tiếp nhận và trả kết quả một cửa"; Tasks: desktopicon

[Run]
; As the user who ran the installer, not the administrator account: the data folder is theirs.
Filename: "{app}\mot-cua.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser
