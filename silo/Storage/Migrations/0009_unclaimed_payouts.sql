-- What the charter says about payouts not collected by the close of the dividend meeting (issue 4, "closing the year"):
-- they stay payable to the households (the default), or return to undistributed income (未分配收益) at the year's close.
ALTER TABLE villages ADD COLUMN unclaimed_payouts text NOT NULL DEFAULT 'stay_payable'
    CHECK (unclaimed_payouts IN ('stay_payable', 'return_to_undistributed'));
