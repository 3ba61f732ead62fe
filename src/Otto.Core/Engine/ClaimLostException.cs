namespace Otto.Engine;

/// <summary>Another owner took this attempt over (our lease expired); we stop touching it.</summary>
public sealed class ClaimLostException : Exception
{
    public ClaimLostException() : base("the claim was taken over")
    {
    }
}
