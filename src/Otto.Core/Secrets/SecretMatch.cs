namespace Otto.Secrets;

/// <summary>Where a secret is in a text, and which rule found it (never the secret itself).</summary>
public readonly record struct SecretMatch(int Start, int Length, string Rule)
{
    public int End => Start + Length;
}
