# One call of a cmdlet through the Node host: the request (one CLIXML line on stdin), then the records (one CLIXML
# line each on stdout) re-emitted through the proxy's $PSCmdlet until Done. Hand-written; tools/build-module.ts
# copies it into the .psm1. The wire is described in bridge/host-protocol.ts.

$script:PcmCommonParameters = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
    'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable',
    'WhatIf', 'Confirm', 'UseTransaction')

# CLIXML on one line: PSSerializer indents, and escapes every CR/LF inside values as _x000D_/_x000A_.
function ConvertTo-PcmBridgeLine {
    param($Value)
    [System.Management.Automation.PSSerializer]::Serialize($Value, 8) -replace '\r?\n *', ''
}

# The request for one call. Preferences are read as the calling proxy sees them (its -Verbose, -ErrorAction...).
function New-PcmBridgeRequest {
    param([string]$Command, $BoundParameters, [bool]$DryRun)
    $parameters = @{}
    foreach ($name in @($BoundParameters.Keys)) {
        if ($script:PcmCommonParameters -contains $name) { continue }
        $value = $BoundParameters[$name]
        if ($value -is [System.Management.Automation.SwitchParameter]) { $value = $value.IsPresent }
        elseif ($value -is [System.Management.Automation.PSCredential]) {
            # A SecureString's CLIXML is encrypted for Windows only, so the password travels as text on the pipe.
            $value = @{ UserName = $value.UserName; Password = $value.GetNetworkCredential().Password }
        }
        $parameters[$name] = $value
    }
    $script:PcmRequestId++
    [pscustomobject]@{
        Kind = 'Invoke'
        Protocol = 1
        Id = $script:PcmRequestId
        Command = $Command
        Parameters = $parameters
        WhatIf = $DryRun
        StopOnError = ($ErrorActionPreference -eq 'Stop')
        Verbose = ($VerbosePreference -ne 'SilentlyContinue' -and $VerbosePreference -ne 'Ignore')
        # No window station (a scheduled task run whether or not a user is logged on): nobody sees progress, and
        # Windows PowerShell 5.1 would still spend time drawing it.
        Progress = ($ProgressPreference -ne 'SilentlyContinue' -and $ProgressPreference -ne 'Ignore' -and [System.Environment]::UserInteractive)
        Location = $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
        # The session's configuration store as it is now: the host started once, with the environment of then.
        ConfigStore = [string]$env:PCM_CONFIG_STORE
    }
}

# Writes the request, starting the host if needed; a host that died since the last call is replaced once.
function Send-PcmBridgeRequest {
    param($Request)
    $line = ConvertTo-PcmBridgeLine $Request
    $bridge = Get-PcmBridgeHost
    try {
        $bridge.Writer.WriteLine($line)
    } catch [System.IO.IOException] {
        Stop-PcmBridgeHost -Kill
        $bridge = Get-PcmBridgeHost
        $bridge.Writer.WriteLine($line)
    }
    $bridge
}

function ConvertTo-PcmProgressRecord {
    param($Record)
    $progress = [System.Management.Automation.ProgressRecord]::new([int]$Record.ActivityId, [string]$Record.Activity, [string]$Record.StatusDescription)
    $progress.ParentActivityId = [int]$Record.ParentActivityId
    $progress.PercentComplete = [int]$Record.PercentComplete
    $progress.SecondsRemaining = [int]$Record.SecondsRemaining
    if ($null -ne $Record.CurrentOperation) { $progress.CurrentOperation = [string]$Record.CurrentOperation }
    if ($Record.Completed) { $progress.RecordType = [System.Management.Automation.ProgressRecordType]::Completed }
    $progress
}

# An output object arrives as Deserialized.X: X goes back in front, so format views and [PSTypeName('X')] match.
function Restore-PcmTypeName {
    param($Value)
    if ($Value -is [System.Management.Automation.PSObject]) {
        $names = $Value.PSObject.TypeNames
        if ($names.Count -gt 0 -and $names[0].StartsWith('Deserialized.')) { $names.Insert(0, $names[0].Substring(13)) }
    }
}

# After the call was interrupted (the pipeline stopped, a Write* threw): tell the host to stop and read up to its
# Done, so that the next call starts clean. A host that does not answer within 30 seconds is killed.
function Stop-PcmBridgeRequest {
    param([int]$Id)
    $bridge = $script:PcmBridge
    if ($null -eq $bridge) { return }
    try {
        $bridge.Writer.WriteLine((ConvertTo-PcmBridgeLine ([pscustomobject]@{ Kind = 'Stop'; Id = $Id })))
        $deadline = [System.DateTime]::UtcNow.AddSeconds(30)
        while ($true) {
            $wait = [int]($deadline - [System.DateTime]::UtcNow).TotalMilliseconds
            if ($wait -le 0) { break }
            # The read the interrupted call had started, if any: a StreamReader takes one read at a time.
            if ($null -eq $bridge.Pending) { $bridge.Pending = $bridge.Reader.ReadLineAsync() }
            if (-not $bridge.Pending.Wait($wait)) { break }
            $line = $bridge.Pending.Result
            $bridge.Pending = $null
            if ($null -eq $line) { break }
            if ([System.Management.Automation.PSSerializer]::Deserialize($line).Kind -eq 'Done') { return }
        }
    } catch { $null = $_ }
    Stop-PcmBridgeHost -Bridge $bridge -Kill
}

# The proxies' one entry point. Output objects are written when the call is done: a proxy downstream in the same
# pipeline (Export -AsBytes | Import) calls the host again, which answers one request at a time.
function Invoke-PcmBridgeCommand {
    param($Cmdlet, [string]$Command, $BoundParameters, [bool]$DryRun = $false)
    if ($script:PcmBusy) {
        $Cmdlet.ThrowTerminatingError((New-PcmErrorRecord "$Command was called while another PersistentChatMigration command was still running in this session; run them one after the other." 'BridgeBusy' 'ResourceBusy' $Command))
    }
    $request = New-PcmBridgeRequest $Command $BoundParameters $DryRun
    $outputs = [System.Collections.Generic.List[object]]::new()
    $terminating = $null
    $done = $false
    $script:PcmBusy = $true
    try {
        $bridge = Send-PcmBridgeRequest $request
        while (-not $done) {
            $record = Read-PcmBridgeRecord $bridge
            if ($null -eq $record) {
                $done = $true
                $terminating = Get-PcmBridgeExitError $bridge "while running $Command"
                Stop-PcmBridgeHost -Bridge $bridge -Kill
                break
            }
            switch ($record.Kind) {
                'Output' { Restore-PcmTypeName $record.Value; $outputs.Add($record.Value) }
                'Verbose' { $Cmdlet.WriteVerbose($record.Message) }
                'Warning' { $Cmdlet.WriteWarning($record.Message) }
                'Progress' { $Cmdlet.WriteProgress((ConvertTo-PcmProgressRecord $record)) }
                'Error' {
                    $errorRecord = New-PcmErrorRecord $record.Message $record.ErrorId $record.Category $record.TargetObject
                    if ($record.Terminating) { $terminating = $errorRecord } else { $Cmdlet.WriteError($errorRecord) }
                }
                'Done' {
                    $done = $true
                    if ($record.Id -ne $request.Id -and $record.Id -ne -1) {
                        Stop-PcmBridgeHost -Bridge $bridge -Kill
                        $terminating = New-PcmErrorRecord "The Node.js cmdlet host answered request $($record.Id) instead of $($request.Id); it was restarted." 'BridgeProtocolError' 'InvalidData' $Command
                    }
                }
            }
        }
    } catch [System.Management.Automation.PipelineStoppedException] {
        throw
    } catch [System.Management.Automation.ActionPreferenceStopException] {
        throw
    } catch {
        # The host could not be started or read (node missing, a record PowerShell cannot read): the call fails.
        $terminating = $_
    } finally {
        if (-not $done) { Stop-PcmBridgeRequest $request.Id }
        $script:PcmBusy = $false
    }
    foreach ($output in $outputs) { $Cmdlet.WriteObject($output, $false) }
    if ($null -ne $terminating) { $Cmdlet.ThrowTerminatingError($terminating) }
}
