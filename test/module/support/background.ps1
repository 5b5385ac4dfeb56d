# Test support (not part of the module): runs one command in a second PowerShell instance, in the background, and
# watches its progress stream while it runs: the only place where WriteProgress records can be seen as they arrive
# (a console host draws them; the test host drops them). With -StopAtFirstProgress it then stops the pipeline as
# Ctrl+C does, and runs -Then in the same instance. Returns what was seen during the run and after it.
param([string]$Manifest, [string]$Command, [hashtable]$Parameters, [switch]$StopAtFirstProgress, [string]$Then = '')

$state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
$ps = [System.Management.Automation.PowerShell]::Create($state)
try {
    $null = $ps.AddCommand('Import-Module').AddParameter('Name', $Manifest).AddParameter('ErrorAction', 'Stop').Invoke()
    $ps.Commands.Clear()
    $null = $ps.AddCommand($Command).AddParameters($Parameters)
    $run = $ps.BeginInvoke()
    $polls = 0
    $seenWhileRunning = 0
    while (-not $run.IsCompleted) {
        $polls++
        if ($seenWhileRunning -eq 0) { $seenWhileRunning = $ps.Streams.Progress.Count }
        if ($StopAtFirstProgress -and $seenWhileRunning -gt 0) { $ps.Stop(); break }
        [System.Threading.Thread]::Sleep(10)
    }
    $output = @()
    if (-not $StopAtFirstProgress) { $output = $ps.EndInvoke($run) }
    $result = [pscustomobject]@{
        State = $ps.InvocationStateInfo.State.ToString()
        Polls = $polls
        SeenWhileRunning = $seenWhileRunning
        Output = $output.Count
        Errors = @($ps.Streams.Error | ForEach-Object { $_.ToString() })
        Records = @($ps.Streams.Progress | ForEach-Object {
            [pscustomobject]@{ Activity = $_.Activity; Status = $_.StatusDescription; Percent = $_.PercentComplete
                Seconds = $_.SecondsRemaining; Operation = $_.CurrentOperation; Type = $_.RecordType.ToString() } })
        Then = @()
    }
    if ($Then) {
        $ps.Commands.Clear()
        $result.Then = @($ps.AddScript($Then).Invoke() | ForEach-Object { [string]$_ })
    }
    $result
} finally {
    $ps.Dispose()
}
