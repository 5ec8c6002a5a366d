package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.findings.WhatIfParameters;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** lock-names.tsv and lock-classes.tsv: every name a class, and the stacks of real programs. */
class LockClassesTest {
    @Test
    void everyNameOfLockNamesIsAClassWithWhatItProtectsAndAdvice() {
        TsvTable names = TsvTable.resource(LockNames.class, "lock-names.tsv");
        Set<String> named = new TreeSet<>();
        names.rows().forEach(r -> named.add(r.get(names.column("name"))));
        LockClasses classes = LockClasses.shipped();
        for (String n : named) {
            LockClasses.LockClass c = classes.of(n);
            assertNotNull(c, n + " has no row in lock-classes.tsv");
            assertTrue(!c.protects().isBlank() && !c.advice().isBlank(), n);
        }
    }

    @Test
    void everyClassThatTakesItsLockLessOftenNamesAFactorOfWhatIfTsvAboveOne() {
        List<LockClasses.LockClass> scaled = LockClasses.shipped().all().stream()
                .filter(c -> c.fewerBy() != null).toList();
        assertEquals(List.of("zone lock", "rq lock", "task pi_lock", "wait-queue lock"),
                scaled.stream().map(LockClasses.LockClass::name).toList());
        for (LockClasses.LockClass c : scaled) {
            assertTrue(WhatIfParameters.shipped().get(c.fewerBy()) > 1, c.name());
            assertTrue(c.change().contains("{factor}"), c.name());
        }
    }

    private static Frame kernel(String symbol) {
        return new Frame("ffffffff81000000", symbol, 0x10, "[kernel.kallsyms]");
    }

    /**
     * The first function past the lock functions in stacks recorded from real programs (perf
     * bench futex hash, sched messaging, epoll wait; a JVM pre-touching its heap) names the
     * lock as the kernel source says it takes it.
     */
    @ParameterizedTest
    @CsvSource({
        "_raw_spin_lock, futex_wait_setup, futex hash bucket",
        "_raw_spin_lock, __pte_offset_map_lock, page-table lock",
        "_raw_spin_lock_irqsave, __put_partials, slab list_lock",
        "_raw_spin_lock_irqsave, __wake_up_sync_key, wait-queue lock",
        "_raw_spin_lock_irqsave, ep_poll_callback, epoll lock",
        "_raw_spin_lock_irqsave, try_to_wake_up, task pi_lock",
        "_raw_spin_lock, try_to_wake_up, rq lock",
        "_raw_spin_lock, unix_stream_sendmsg, unix socket lock",
        "_raw_spin_lock_irqsave, __rmqueue_pcplist, zone lock",
        "_raw_spin_lock_irqsave, rcu_core, rcu_node lock",
        "_raw_spin_lock, __queue_work, workqueue pool lock",
        "_raw_spin_lock_irqsave, free_percpu, percpu allocator lock",
        "_raw_spin_lock_irq, exit_signals, siglock",
        "_raw_spin_lock_irq, do_exit, siglock"})
    void realProgramsStacksNameTheirLocks(String lockFunction, String caller, String name) {
        LockNames.Name n = LockNames.shipped().of(List.of(
                kernel("__pv_queued_spin_lock_slowpath"), kernel(lockFunction), kernel(caller),
                kernel("do_syscall_64")));
        assertNotNull(n, caller);
        assertEquals(name, n.name());
    }

    /**
     * Functions that take two locks of one kind, told apart by the lock function they called
     * (none: the slow path called straight from the function, where the kernel inlines the
     * _raw_ entry): dup_mmap takes the parent's mmap_lock with down_write_killable and a
     * file's i_mmap_rwsem with down_write; do_exit the tasklist_lock for write and the siglock.
     */
    @ParameterizedTest
    @CsvSource({
        "rwsem_down_write_slowpath, down_write_killable, dup_mmap, mmap_lock",
        "rwsem_down_write_slowpath, down_write, dup_mmap, i_mmap_rwsem",
        "queued_write_lock_slowpath, _raw_write_lock_irq, do_exit, tasklist_lock",
        "queued_write_lock_slowpath, , do_exit, tasklist_lock",
        "__pv_queued_spin_lock_slowpath, _raw_spin_lock_irq, do_exit, siglock",
        "queued_write_lock_slowpath, _raw_write_lock_irq, copy_process, tasklist_lock",
        "queued_write_lock_slowpath, , copy_process, tasklist_lock",
        "queued_write_lock_slowpath, _raw_write_lock_irq, exit_notify, tasklist_lock",
        "queued_write_lock_slowpath, , release_task, tasklist_lock",
        "queued_read_lock_slowpath, _raw_read_lock, __do_wait, tasklist_lock",
        "queued_read_lock_slowpath, , __do_wait, tasklist_lock"})
    void aFunctionTakingTwoLocksNamesEachByTheLockFunctionItCalled(String slowPath,
            String lockFunction, String caller, String name) {
        List<Frame> frames = new ArrayList<>(List.of(kernel(slowPath)));
        if (lockFunction != null) {
            frames.add(kernel(lockFunction));
        }
        frames.addAll(List.of(kernel(caller), kernel("do_syscall_64")));
        LockNames.Name n = LockNames.shipped().of(frames);
        assertNotNull(n, caller);
        assertEquals(name, n.name());
    }
}
