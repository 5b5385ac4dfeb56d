# The Node cmdlet host's life: found, started on the first call, kept for the session, restarted when it has died,
# stopped when the module is removed. Hand-written; tools/build-module.ts copies it into the .psm1.

$script:PcmModuleRoot = [System.IO.Path]::GetDirectoryName($PSScriptRoot)
$script:PcmBridge = $null
$script:PcmHostStarts = 0
$script:PcmRequestId = 0
$script:PcmBusy = $false
$script:PcmUtf8 = [System.Text.UTF8Encoding]::new($false)
$ExecutionContext.SessionState.Module.OnRemove = { Stop-PcmBridgeHost }

function New-PcmErrorRecord {
    param([string]$Message, [string]$ErrorId, [string]$Category = 'NotSpecified', $Target = $null)
    $errorCategory = [System.Management.Automation.ErrorCategory]::NotSpecified
    try { $errorCategory = [System.Management.Automation.ErrorCategory]$Category } catch { $errorCategory = [System.Management.Automation.ErrorCategory]::NotSpecified }
    if ($Category -eq 'InvalidArgument') { $exception = [System.ArgumentException]::new($Message) }
    elseif ($Category -eq 'InvalidData') { $exception = [System.IO.InvalidDataException]::new($Message) }
    else { $exception = [System.InvalidOperationException]::new($Message) }
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $errorCategory, $Target)
}

# $env:PCM_NODE (the full path of node or node.exe), else the first node on PATH.
function Find-PcmNode {
    if ($env:PCM_NODE) {
        if ([System.IO.File]::Exists($env:PCM_NODE)) { return $env:PCM_NODE }
        throw (New-PcmErrorRecord "PCM_NODE is set to '$env:PCM_NODE', which is not a file. Set it to the full path of node.exe (Node.js 20.19 or later), or remove it to use the node on PATH." 'NodeNotFound' 'ObjectNotFound' $env:PCM_NODE)
    }
    $found = @(Get-Command -Name 'node' -CommandType Application -ErrorAction SilentlyContinue)
    # node.exe itself rather than a node.cmd shim (nvm, Chocolatey), which would run Node under cmd.exe.
    $direct = @($found | Where-Object { $_.Extension -eq '.exe' -or $_.Extension -eq '' })
    if ($direct.Count -gt 0) { return $direct[0].Path }
    if ($found.Count -gt 0) { return $found[0].Path }
    throw (New-PcmErrorRecord 'Node.js was not found: PersistentChatMigration needs Node.js 20.19 or later. Install it and put node on PATH, or set $env:PCM_NODE to the full path of node.exe.' 'NodeNotFound' 'ObjectNotFound' 'node')
}

# The next record, waited for in short steps rather than in one blocking ReadLine: PowerShell acts on Ctrl+C (a
# stopped pipeline) only between statements, so a call whose host is silent (a long query, a slow disk) must come
# back here to be stopped. The read in progress is kept on the bridge for the next reader (Stop-PcmBridgeRequest).
function Read-PcmBridgeRecord {
    param($Bridge)
    if ($null -eq $Bridge.Pending) { $Bridge.Pending = $Bridge.Reader.ReadLineAsync() }
    while (-not $Bridge.Pending.Wait(200)) { }
    $line = $Bridge.Pending.Result
    $Bridge.Pending = $null
    if ($null -eq $line) { return $null }
    [System.Management.Automation.PSSerializer]::Deserialize($line)
}

# The error for a host that has gone: its exit code and the end of what it wrote to stderr.
function Get-PcmBridgeExitError {
    param($Bridge, [string]$When)
    $exitCode = 'unknown'
    $crash = ''
    try {
        if ($Bridge.Process.WaitForExit(5000)) { $exitCode = $Bridge.Process.ExitCode }
        if ($Bridge.Errors.Wait(2000)) { $crash = $Bridge.Errors.Result.Trim() }
    } catch { $crash = '' }
    if ($crash.Length -gt 4000) { $crash = '...' + $crash.Substring($crash.Length - 4000) }
    $message = "The Node.js cmdlet host ($($Bridge.Node)) exited $When (exit code $exitCode)."
    if ($crash) { $message = $message + ' ' + $crash }
    New-PcmErrorRecord $message 'NodeHostExited' 'ResourceUnavailable' $Bridge.Node
}

function Start-PcmBridgeHost {
    $node = Find-PcmNode
    $hostScript = [System.IO.Path]::Combine($script:PcmModuleRoot, 'dist', 'bridge', 'host.js')
    if (-not [System.IO.File]::Exists($hostScript)) {
        throw (New-PcmErrorRecord "The module's Node.js files are missing: $hostScript does not exist. Copy the whole module folder (with dist and node_modules), or run npm install in it." 'NodeHostMissing' 'ObjectNotFound' $hostScript)
    }
    $info = [System.Diagnostics.ProcessStartInfo]::new()
    $info.FileName = $node
    $info.Arguments = '"' + $hostScript + '"'
    $info.WorkingDirectory = $script:PcmModuleRoot
    $info.UseShellExecute = $false
    $info.CreateNoWindow = $true
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.StandardOutputEncoding = $script:PcmUtf8
    $info.StandardErrorEncoding = $script:PcmUtf8
    # glibc (Linux) gives each thread its own malloc arena; capping them keeps a large export's memory flat
    # (docs/performance.md). Other C libraries ignore the variable.
    if (-not $info.EnvironmentVariables.ContainsKey('MALLOC_ARENA_MAX')) { $info.EnvironmentVariables['MALLOC_ARENA_MAX'] = '2' }
    $process = [System.Diagnostics.Process]::Start($info)
    $script:PcmHostStarts++
    # .NET Framework has no StandardInputEncoding: write UTF-8 to the pipe itself.
    $writer = [System.IO.StreamWriter]::new($process.StandardInput.BaseStream, $script:PcmUtf8)
    $writer.NewLine = "`n"
    $writer.AutoFlush = $true
    $bridge = [pscustomobject]@{
        Process = $process
        Writer = $writer
        Reader = $process.StandardOutput
        Errors = $process.StandardError.ReadToEndAsync()
        Pending = $null
        Node = $node
        ProcessId = $process.Id
    }
    $ready = Read-PcmBridgeRecord $bridge
    if ($null -eq $ready) {
        $failure = Get-PcmBridgeExitError $bridge 'before it was ready'
        Stop-PcmBridgeHost -Bridge $bridge -Kill
        throw $failure
    }
    if ($ready.Kind -ne 'Ready' -or $ready.Protocol -ne 1) {
        Stop-PcmBridgeHost -Bridge $bridge
        throw (New-PcmErrorRecord "The Node.js cmdlet host speaks protocol $($ready.Protocol), not 1: the module's files do not match. Reinstall the module." 'BridgeProtocolError' 'InvalidData' $hostScript)
    }
    $script:PcmBridge = $bridge
    $bridge
}

# The running host, started (again) when there is none or it has exited.
function Get-PcmBridgeHost {
    $bridge = $script:PcmBridge
    if ($null -ne $bridge -and -not $bridge.Process.HasExited) { return $bridge }
    if ($null -ne $bridge) { Stop-PcmBridgeHost }
    Start-PcmBridgeHost
}

# Closes stdin (the host ends by itself), and kills it if it has not ended after a few seconds, or at once with -Kill.
function Stop-PcmBridgeHost {
    param($Bridge = $script:PcmBridge, [switch]$Kill)
    if ($null -eq $Bridge) { return }
    if ($Bridge -eq $script:PcmBridge) { $script:PcmBridge = $null }
    try {
        if (-not $Kill) { $Bridge.Writer.Close() }
        if ($Kill -or -not $Bridge.Process.WaitForExit(5000)) { $Bridge.Process.Kill() }
    } catch { $null = $_ }
    try { $Bridge.Process.Dispose() } catch { $null = $_ }
}

# For tests and support: how many hosts this module has started, and the one running now.
function Get-PcmBridgeState {
    $bridge = $script:PcmBridge
    [pscustomobject]@{
        HostStarts = $script:PcmHostStarts
        ProcessId = $(if ($null -ne $bridge) { $bridge.ProcessId } else { $null })
        Running = ($null -ne $bridge -and -not $bridge.Process.HasExited)
        Node = $(if ($null -ne $bridge) { $bridge.Node } else { $null })
    }
}
