using Otto.Contracts;
using Otto.Planning;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// Continues a plan-only run (`otto plan`, then `otto build --run ID`). If the user edited the run's
/// plan.json, the edit is validated by the same rules and accepted as the next plan version; an invalid
/// edit is refused with its problems and nothing changes.
/// </summary>
public static class PlannedRun
{
    public static void Continue(RunContext run)
    {
        var state = run.Journal.Read();
        if (state.IsFinished) throw new OttoException($"run {state.RunId} already ended ({state.Status.Name()})");
        if (!state.PlanOnly) return;
        if (state.PlanVersion == 0) throw new OttoException($"run {state.RunId} has no accepted plan yet; `otto resume {state.RunId}` plans it");

        var editable = Path.Combine(run.Paths.Dir, "plan.json");
        var accepted = File.ReadAllText(run.Paths.Plan(state.PlanVersion));
        var events = new List<NewEvent>();
        if (File.Exists(editable) && File.ReadAllText(editable) is var edited && edited != accepted)
        {
            var (json, error) = ContractFile.Read(editable, editable);
            var (plan, errors) = json is null ? (null, [error!]) : PlanValidator.Validate(json, run.Config.Limits.MaxTasks);
            if (plan is null) throw new OttoException($"{editable} breaks the plan rules: {string.Join("; ", errors)}");
            var version = state.PlanVersion + 1;
            File.WriteAllText(run.Paths.Plan(version), edited);
            File.WriteAllText(run.Paths.PlanMarkdown, Planning.PlanMarkdown.Render(state.Intent, plan, version));
            events.Add(new NewEvent(PlanEventData.For(state.RunId, plan, version, edited)));
        }
        // Between `otto plan` and this build the checkout was the user's: watch it from now on.
        Reporting.CheckoutWatch.RecordStart(run.Repo, run.Paths);
        events.Add(new NewEvent(new RunResumed("build of a planned run")));
        run.Journal.Append([.. events]);
    }
}
