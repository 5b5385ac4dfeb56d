# PowerShell's paths -> the file system paths Node is given, resolved as compiled cmdlets resolve theirs: against
# PowerShell's current location (.\out.zip on Linux too), with ~, PSDrives (PCX:\x.zip) and provider-qualified paths
# (FileSystem::/tmp/x.zip), and literally (a path to create has no wildcards). Node never sees a PowerShell path.
# Hand-written; tools/build-module.ts copies it into the .psm1, and each proxy names its path parameters (the
# declarations' kind 'path' and 'dbInstance').

function Resolve-PcmPath {
    param($Cmdlet, [string]$Parameter, [string]$Path)
    $provider = $null
    $drive = $null
    try {
        $resolved = $Cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path, [ref]$provider, [ref]$drive)
    } catch {
        $problem = $_.Exception
        if ($null -ne $problem.InnerException) { $problem = $problem.InnerException }
        $Cmdlet.ThrowTerminatingError((New-PcmErrorRecord "Cannot resolve -$Parameter '$Path': $($problem.Message) Give a file system path, such as C:\pc\export.zip or .\export.zip." 'PathNotResolved' 'InvalidArgument' $Path))
    }
    if ($provider.Name -ne 'FileSystem') {
        $Cmdlet.ThrowTerminatingError((New-PcmErrorRecord "-$Parameter '$Path' is a path of the PowerShell $($provider.Name) provider, not a file. PersistentChatMigration reads and writes files only: give a file system path, such as C:\pc\export.zip or .\export.zip." 'PathNotFileSystem' 'InvalidArgument' $Path))
    }
    $resolved
}

# -DBInstance: only the embedded database forms are paths (sqlite:<path>, or a path ending in .db, .sqlite or
# .sqlite3, as store/db-instance.ts reads them); a SQL Server name is passed as it is.
function Resolve-PcmDbInstance {
    param($Cmdlet, [string]$Parameter, [string]$Value)
    $text = $Value.Trim()
    if ($text -match '^sqlite:(.+)$') { return 'sqlite:' + (Resolve-PcmPath $Cmdlet $Parameter $Matches[1]) }
    if ($text -match '\.(db|sqlite|sqlite3)$') { return Resolve-PcmPath $Cmdlet $Parameter $text }
    $Value
}

# A copy of the bound parameters with every path resolved; an empty path is left for Node to report.
function Resolve-PcmBridgeParameters {
    param($Cmdlet, $BoundParameters, [string[]]$Paths = @(), [string[]]$Instances = @())
    $resolved = @{}
    foreach ($name in @($BoundParameters.Keys)) {
        $value = $BoundParameters[$name]
        if ($value -is [string] -and $value -ne '') {
            if ($Paths -contains $name) { $value = Resolve-PcmPath $Cmdlet $name $value }
            elseif ($Instances -contains $name) { $value = Resolve-PcmDbInstance $Cmdlet $name $value }
        }
        $resolved[$name] = $value
    }
    $resolved
}
