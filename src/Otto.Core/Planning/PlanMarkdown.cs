using System.Text;
using Otto.Contracts;
using Otto.Planning;

namespace Otto.Planning;

/// <summary>plan.md: the accepted plan for people to read.</summary>
public static class PlanMarkdown
{
    public static string Render(string intent, PlanDocument plan, int version)
    {
        var text = new StringBuilder();
        text.Append("# Plan v").Append(version).Append("\n\n> ").Append(intent.ReplaceLineEndings("\n> ")).Append("\n\n");
        if (plan.Summary.Length > 0) text.Append(plan.Summary).Append("\n\n");
        foreach (var task in plan.Tasks)
        {
            text.Append("## ").Append(task.Id).Append(": ").Append(task.Title).Append(" (").Append(task.Role).Append(")\n\n");
            if (task.DependsOn.Count > 0) text.Append("Depends on: ").AppendJoin(", ", task.DependsOn).Append("\n\n");
            if (task.Description.Length > 0) text.Append(task.Description).Append("\n\n");
            text.Append("Owns: ").AppendJoin(", ", task.OwnedPaths.Select(p => $"`{p}`")).Append("\n\n");
            foreach (var criterion in task.Acceptance) text.Append("- ").Append(criterion).Append('\n');
            if (task.Acceptance.Count > 0) text.Append('\n');
        }
        if (plan.SharedFiles.Count > 0) text.Append("Shared files: ").AppendJoin(", ", plan.SharedFiles.Select(p => $"`{p}`")).Append('\n');
        return text.ToString();
    }
}
