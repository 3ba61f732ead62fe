using System.Runtime.InteropServices;
using Otto.Engine;

namespace Otto.Cli.Output;

/// <summary>Turns SIGINT, SIGTERM and SIGHUP (the terminal closed) into an <see cref="Interrupt"/>, so the run
/// is finalized as canceled (agents stopped, final.json written, exit 130) instead of the process dying
/// mid-write.</summary>
public sealed class SignalTrap : IDisposable
{
    private readonly PosixSignalRegistration _int;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _hup;

    public SignalTrap(Interrupt interrupt)
    {
        _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, interrupt, "SIGINT"));
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, interrupt, "SIGTERM"));
        _hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => Handle(context, interrupt, "SIGHUP"));
    }

    private static void Handle(PosixSignalContext context, Interrupt interrupt, string name)
    {
        context.Cancel = true;
        interrupt.Raise(name);
    }

    public void Dispose()
    {
        _int.Dispose();
        _term.Dispose();
        _hup.Dispose();
    }
}
